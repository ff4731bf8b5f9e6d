package io.cistern.core.accounts;

import io.cistern.core.model.AdminRole;

/**
 * What creating an account takes. The caller owns {@code password} and wipes it afterwards.
 *
 * @param username     the name (see {@link AccountRules})
 * @param uid          an explicit uid, or null for the next free one from {@value AccountRules#FIRST_ALLOCATED_UID}
 * @param primaryGroup an existing group's name, or null for {@value AccountService#DEFAULT_GROUP}
 * @param role         null for viewer
 * @param password     the initial password
 */
public record NewAccount(String username, Integer uid, String primaryGroup, AdminRole role, char[] password) {
    @Override
    public String toString() {
        return "NewAccount[" + username + ", uid " + uid + ", group " + primaryGroup + ", role " + role + "]";
    }
}
