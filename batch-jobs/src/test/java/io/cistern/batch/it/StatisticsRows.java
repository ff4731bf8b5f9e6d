package io.cistern.batch.it;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Test-only: edits the stored statistics behind the job's back (drift), as a bug or a hand-made change would. */
@Stateless
public class StatisticsRows {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /** Sets a share's stored logical bytes and file count; how many rows changed. */
    public int plantShareDrift(long shareId, long logicalBytes, long files) {
        return em.createNativeQuery("update share_statistics set logical_bytes = ?1, files = ?2 where share_id = ?3")
                .setParameter(1, logicalBytes).setParameter(2, files).setParameter(3, shareId).executeUpdate();
    }

    /** Adds {@code bytes} to the store's stored physical bytes. */
    public int plantStoreDrift(long bytes) {
        return em.createNativeQuery("update store_statistics set physical_bytes = physical_bytes + ?1")
                .setParameter(1, bytes).executeUpdate();
    }

    /** A row for a share that does not exist. */
    public void plantRowOfAGoneShare(long shareId) {
        em.createNativeQuery("insert into share_statistics (share_id, share_name, logical_bytes, unique_bytes, files,"
                + " blocks, computed_at) values (?1, 'gone', 1, 1, 1, 1, now())").setParameter(1, shareId)
                .executeUpdate();
    }

    /** The stored logical bytes of a share, or -1 without a row. */
    public long storedLogicalBytes(long shareId) {
        var rows = em.createNativeQuery("select logical_bytes from share_statistics where share_id = ?1")
                .setParameter(1, shareId).getResultList();
        return rows.isEmpty() ? -1 : ((Number) rows.get(0)).longValue();
    }
}
