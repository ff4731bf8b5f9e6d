package io.cistern.core.shares;

import io.cistern.core.model.ShareAccess;
import io.cistern.core.model.UserAccount;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows a share permission can name for one account: its own and those of its groups, supplementary and primary.
 * Read fresh for each question, so that a membership change counts at the next tree connect or listing.
 *
 * @param userId   the account's row id; -1 for an account that no longer exists (it then matches no row)
 * @param groupIds the row ids of its groups
 */
public record AccountPrincipals(long userId, Set<Long> groupIds) {
    private static final AccountPrincipals NOBODY = new AccountPrincipals(-1, Set.of());

    /** The principals of the account named {@code username} (names are unique ignoring case). */
    public static AccountPrincipals of(EntityManager em, String username) {
        if (username == null) {
            return NOBODY;
        }
        List<UserAccount> found = em.createQuery("select u from UserAccount u where lower(u.username) = lower(:name)",
                UserAccount.class).setParameter("name", username).getResultList();
        if (found.size() != 1) {
            return NOBODY;
        }
        UserAccount account = found.get(0);
        Set<Long> groups = new HashSet<>(em.createQuery("select g.id from UserGroup g where g.gid = :gid"
                        + " or g.id in (select m.id from UserAccount u join u.groups m where u.id = :id)", Long.class)
                .setParameter("gid", account.getGid()).setParameter("id", account.getId()).getResultList());
        return new AccountPrincipals(account.getId(), Set.copyOf(groups));
    }

    /** This account's level in a share with {@code grants} ({@link ShareLevels}). */
    public ShareAccess levelIn(Collection<ShareGrant> grants) {
        return ShareLevels.levelOf(grants, userId, groupIds);
    }
}
