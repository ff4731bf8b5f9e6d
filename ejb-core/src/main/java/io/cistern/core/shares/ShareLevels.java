package io.cistern.core.shares;

import io.cistern.core.model.PrincipalKind;
import io.cistern.core.model.ShareAccess;
import java.util.Collection;
import java.util.Set;

/**
 * An account's level in a share from the share's permission rows. A share without rows is open: every authenticated
 * account may use it as it is configured, which is what installations from before permissions existed expect. With
 * rows, the account's level is the highest of its own row and its groups' rows, and {@link ShareAccess#NONE} when
 * none of them is about it.
 */
public final class ShareLevels {
    private ShareLevels() {
    }

    /**
     * The level of the account with row id {@code userId}, member of the groups with row ids {@code groupIds}
     * (supplementary and primary), in a share with {@code grants}.
     */
    public static ShareAccess levelOf(Collection<ShareGrant> grants, long userId, Set<Long> groupIds) {
        if (grants.isEmpty()) {
            return ShareAccess.READ_WRITE;
        }
        ShareAccess level = ShareAccess.NONE;
        for (ShareGrant grant : grants) {
            boolean applies = grant.kind() == PrincipalKind.USER ? grant.principalId() == userId
                    : groupIds.contains(grant.principalId());
            if (applies) {
                level = level.atLeast(grant.level());
            }
        }
        return level;
    }
}
