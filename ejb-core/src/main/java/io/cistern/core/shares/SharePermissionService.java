package io.cistern.core.shares;

import io.cistern.core.model.PrincipalKind;
import io.cistern.core.model.Share;
import io.cistern.core.model.ShareAccess;
import io.cistern.core.model.SharePermission;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The per-user and per-group levels of shares ({@link ShareLevels} says what they mean). Rows are written through the
 * entity, so that the SMB share list cache sees every change ({@code SharePermissionChangeListener}).
 */
@Stateless
public class SharePermissionService {
    private static final Logger LOG = Logger.getLogger(SharePermissionService.class.getName());

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /** The row of {@code principal} (a user's or a group's name, per {@code kind}) in the share. */
    public PermissionView get(String shareName, PrincipalKind kind, String principal) {
        Share share = ShareLookup.byName(em, shareName);
        long principalId = principalId(kind, principal);
        return row(share.getId(), kind, principalId).map(found -> PermissionRows.view(em, found)).orElseThrow(() -> ShareException.notFound(
                "share '" + share.getName() + "' has no permission for " + describe(kind, principal)));
    }

    /** Sets (adds or changes) the level of {@code principal} in the share. */
    public PermissionView put(String shareName, PrincipalKind kind, String principal, String level) {
        ShareAccess access = ShareAccess.fromWireName(level).orElseThrow(() -> ShareException.invalid("level",
                "level is one of none, read, read-write, admin"));
        Share share = ShareLookup.byName(em, shareName);
        long principalId = principalId(kind, principal);
        Optional<SharePermission> existing = row(share.getId(), kind, principalId);
        SharePermission row = existing.orElseGet(() -> new SharePermission(share.getId(), kind, principalId, access));
        row.setLevel(access);
        if (existing.isEmpty()) {
            em.persist(row);
        }
        LOG.info("share '" + share.getName() + "': " + describe(kind, principal) + " has level " + level);
        return PermissionRows.view(em, row);
    }

    /** Removes the row of {@code principal}; the last row removed opens the share to every account again. */
    public void delete(String shareName, PrincipalKind kind, String principal) {
        Share share = ShareLookup.byName(em, shareName);
        SharePermission row = row(share.getId(), kind, principalId(kind, principal)).orElseThrow(() ->
                ShareException.notFound("share '" + share.getName() + "' has no permission for "
                        + describe(kind, principal)));
        em.remove(row);
        LOG.info("share '" + share.getName() + "': permission of " + describe(kind, principal) + " removed");
    }

    /** Removes every row about a user or group that is being deleted. */
    public void forgetPrincipal(PrincipalKind kind, long principalId) {
        em.createQuery("select p from SharePermission p where p.principalKind = :kind and p.principalId = :id",
                SharePermission.class).setParameter("kind", kind).setParameter("id", principalId).getResultList()
                .forEach(em::remove);
    }

    private Optional<SharePermission> row(long shareId, PrincipalKind kind, long principalId) {
        return em.createQuery("select p from SharePermission p where p.shareId = :share and p.principalKind = :kind"
                        + " and p.principalId = :id", SharePermission.class).setParameter("share", shareId)
                .setParameter("kind", kind).setParameter("id", principalId).getResultStream().findFirst();
    }

    private long principalId(PrincipalKind kind, String name) {
        String query = kind == PrincipalKind.USER ? "select u.id from UserAccount u where u.username = :name"
                : "select g.id from UserGroup g where g.name = :name";
        return em.createQuery(query, Long.class).setParameter("name", name).getResultStream().findFirst()
                .orElseThrow(() -> ShareException.notFound("no " + describe(kind, name)));
    }

    private static String describe(PrincipalKind kind, String name) {
        return (kind == PrincipalKind.USER ? "user '" : "group '") + name + "'";
    }
}
