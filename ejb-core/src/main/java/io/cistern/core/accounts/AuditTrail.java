package io.cistern.core.accounts;

import io.cistern.core.model.AuditEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** The admin audit log: every change made through the API, and every login, with who, what, when and from where. */
@Stateless
public class AuditTrail {
    public static final int MAX_PAGE = 500;

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /**
     * Writes one event in a transaction of its own, so that a refused change (whose transaction rolls back) is still
     * recorded. Overlong values are cut to their column's width.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String actor, String action, String target, boolean success, String address, String detail) {
        em.persist(new AuditEvent(Instant.now(), cut(actor, 64), cut(action, 64), cut(target, 128), success,
                cut(address, 64), cut(detail, 256)));
    }

    /** Up to {@code limit} events, newest first, older than the event {@code beforeId} when it is given. */
    public List<AuditEntry> list(Long beforeId, int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_PAGE));
        return em.createQuery("select e from AuditEvent e where e.id < :before order by e.id desc", AuditEvent.class)
                .setParameter("before", beforeId == null ? Long.MAX_VALUE : beforeId).setMaxResults(bounded)
                .getResultList().stream()
                .map(e -> new AuditEntry(e.getId(), e.getAt(), e.getActor(), e.getAction(), e.getTarget(),
                        e.isSuccess(), e.getAddress(), e.getDetail()))
                .toList();
    }

    private static String cut(String value, int width) {
        return value == null || value.length() <= width ? value : value.substring(0, width);
    }
}
