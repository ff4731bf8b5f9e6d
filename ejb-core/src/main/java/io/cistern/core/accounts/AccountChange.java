package io.cistern.core.accounts;

import io.cistern.core.model.AdminRole;

/**
 * A change to an account; each null part stays as it is. The caller owns {@code password} and wipes it afterwards.
 *
 * @param primaryGroup an existing group's name
 * @param role         the new role
 * @param password     a new password, set without the old one (an administrator's reset)
 */
public record AccountChange(String primaryGroup, AdminRole role, char[] password) {
    @Override
    public String toString() {
        return "AccountChange[group " + primaryGroup + ", role " + role + (password == null ? "" : ", password") + "]";
    }
}
