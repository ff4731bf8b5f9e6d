package io.cistern.core.service;

import io.cistern.core.model.Share;
import io.cistern.core.model.ShareAccess;
import io.cistern.core.model.SharePermission;
import io.cistern.core.shares.AccountPrincipals;
import io.cistern.core.shares.ShareGrant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The shares a client may connect to by name, as SMB's tree connects ask for them, and the ones it may list. Who may
 * use a share follows its permission rows ({@link io.cistern.core.shares.ShareLevels}): none hides the share, read
 * makes it read-only for that account. A null account is an SMB guest or anonymous session, no user nor member of any
 * group: a share with permission rows is hidden from it like from an account with level none; a tree connect finds
 * the others (the SMB adapter refuses those that allow no guests with access denied), a listing only those that
 * allow guests.
 */
@Stateless
public class ShareCatalog {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /**
     * The share named {@code name}, matched regardless of case as Windows does, as {@code account} may use it; empty
     * when there is none, when it has no top directory yet, when the name is ambiguous (two shares equal ignoring
     * case and neither spelled exactly so), or when the account's level in it is none. Reads only: no transaction.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<ShareSummary> shareFor(String account, String name) {
        List<Share> found = em.createQuery("select s from Share s where lower(s.name) = lower(:name)"
                        + " and s.rootInodeId is not null", Share.class)
                .setParameter("name", name).getResultList();
        Optional<Share> exact = found.stream().filter(s -> s.getName().equals(name)).findFirst();
        Optional<Share> share = exact.isPresent() || found.size() != 1 ? exact : Optional.of(found.get(0));
        if (share.isEmpty()) {
            return Optional.empty();
        }
        List<ShareGrant> grants = em.createQuery("select p from SharePermission p where p.shareId = :share",
                SharePermission.class).setParameter("share", share.get().getId()).getResultList().stream()
                .map(ShareCatalog::grant).toList();
        return asSeenBy(new ListedShare(summary(share.get()), grants), () -> AccountPrincipals.of(em, account));
    }

    /**
     * Every share {@code account} may use, by name: what srvsvc lists. The shares and their permission rows are kept
     * until one of them is written, so that listing costs no query while nothing changed but the one that finds the
     * account's groups, and only when some share has permission rows.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ShareSummary> sharesFor(String account) {
        List<ListedShare> all = ShareListCache.get(this::loadAll);
        Supplier<AccountPrincipals> principals = new Supplier<>() {
            private AccountPrincipals found;

            @Override
            public AccountPrincipals get() {
                if (found == null) {
                    found = AccountPrincipals.of(em, account);
                }
                return found;
            }
        };
        List<ShareSummary> visible = new ArrayList<>();
        for (ListedShare listed : all) {
            if (account == null && !listed.share().smbGuestAllowed()) {
                continue;
            }
            asSeenBy(listed, principals).ifPresent(visible::add);
        }
        return visible;
    }

    /** {@code listed} as the account {@code principals} finds may use it, or empty when its level is none. */
    static Optional<ShareSummary> asSeenBy(ListedShare listed, Supplier<AccountPrincipals> principals) {
        if (listed.grants().isEmpty()) {
            return Optional.of(listed.share());
        }
        ShareAccess level = principals.get().levelIn(listed.grants());
        ShareSummary share = listed.share();
        return switch (level) {
            case NONE -> Optional.empty();
            case READ -> Optional.of(share.asReadOnly());
            case READ_WRITE, ADMIN -> Optional.of(share);
        };
    }

    private List<ListedShare> loadAll() {
        Map<Long, List<ShareGrant>> grants = em.createQuery("select p from SharePermission p", SharePermission.class)
                .getResultList().stream().collect(Collectors.groupingBy(SharePermission::getShareId,
                        Collectors.mapping(ShareCatalog::grant, Collectors.toList())));
        return em.createQuery("select s from Share s where s.rootInodeId is not null order by s.name", Share.class)
                .getResultList().stream()
                .map(s -> new ListedShare(summary(s), List.copyOf(grants.getOrDefault(s.getId(), List.of()))))
                .toList();
    }

    private static ShareSummary summary(Share share) {
        return new ShareSummary(share.getId(), share.getName(), share.isReadOnly(), share.isSmbEncryptionRequired(),
                share.isSmbGuestAllowed(), share.getAnonUid(), share.getAnonGid(), share.isSmbSigningRequired());
    }

    private static ShareGrant grant(SharePermission row) {
        return new ShareGrant(row.getPrincipalKind(), row.getPrincipalId(), row.getLevel());
    }
}
