package io.cistern.core.service;

import io.cistern.core.model.Share;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** The shares a client may connect to by name, as SMB's tree connects ask for them. */
@Stateless
public class ShareCatalog {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /**
     * The share named {@code name}, matched regardless of case as Windows does, that {@code account} may use; empty
     * when there is none, when it has no top directory yet, or when the name is ambiguous (two shares equal ignoring
     * case and neither spelled exactly so). There are no per-user or per-group share permissions yet: every
     * authenticated local account may use every share, so {@code account} takes no part in the answer for now. One
     * read and no writes: no transaction needed.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<ShareSummary> shareFor(String account, String name) {
        List<Share> found = em.createQuery("select s from Share s where lower(s.name) = lower(:name)"
                        + " and s.rootInodeId is not null", Share.class)
                .setParameter("name", name).getResultList();
        Optional<Share> exact = found.stream().filter(s -> s.getName().equals(name)).findFirst();
        Optional<Share> share = exact.isPresent() || found.size() != 1 ? exact : Optional.of(found.get(0));
        return share.map(s -> new ShareSummary(s.getId(), s.getName(), s.isReadOnly()));
    }

    /**
     * Every share {@code account} may use, by name: what srvsvc lists. Kept until a share is written (created,
     * renamed, removed), so that listing a server's shares is no query while nothing changed; there are no
     * per-user share permissions yet, so one list serves every account.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ShareSummary> sharesFor(String account) {
        return ShareListCache.get(() -> em.createQuery("select s from Share s where s.rootInodeId is not null"
                + " order by s.name", Share.class).getResultList().stream()
                .map(s -> new ShareSummary(s.getId(), s.getName(), s.isReadOnly())).toList());
    }
}
