package io.cistern.core.stats;

import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.config.CisternSettings;
import io.cistern.core.fs.FileType;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.model.Share;
import io.cistern.core.model.ShareStatistics;
import io.cistern.core.model.StoreStatistics;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.payload.StorageStatistics;
import io.cistern.core.payload.StoreUsage;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Computes the statistics from scratch and stores them: what the statistics job's steps call. Each share's figures
 * come from one statement (one snapshot, so they agree with each other); each store's from its listing, which is what
 * it really holds whatever the index says.
 */
@Stateless
public class StatisticsComputation {
    /* Distinct blocks count once however many pieces of the share's files name them. */
    private static final String SHARE_FIGURES = "with mapped as (select f.hash, f.length from file_block f"
            + "  join inode i on i.id = f.inode_id where i.share_id = ?1),"
            + " distinct_blocks as (select b.size from block b where b.store_id = (select coalesce(s.store_id, 0)"
            + "  from share s where s.id = ?1) and b.hash in (select hash from mapped))"
            + " select (select coalesce(sum(length), 0) from mapped),"
            + " (select coalesce(sum(size), 0) from distinct_blocks), (select count(*) from distinct_blocks),"
            + " (select count(*) from inode where share_id = ?1 and type = " + FileType.REGULAR.code() + ")";

    /* What the files of the shares on a store hold, and how many regular files they are. */
    private static final String STORE_SHARES = "select (select coalesce(sum(f.length), 0) from file_block f"
            + "  join inode i on i.id = f.inode_id join share s on s.id = i.share_id where coalesce(s.store_id, 0) = ?1),"
            + " (select count(*) from inode i join share s on s.id = i.share_id where coalesce(s.store_id, 0) = ?1"
            + "  and i.type = " + FileType.REGULAR.code() + ")";

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private PayloadEngine engine;

    @EJB
    private StorageStatistics storage;

    /** Up to {@code limit} share ids greater than {@code after}, in order: the share step's items. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Long> shareIdsAfter(long after, int limit) {
        return em.createQuery("select s.id from Share s where s.id > :after order by s.id", Long.class)
                .setParameter("after", after).setMaxResults(limit).getResultList();
    }

    /** The share's figures now; empty when it was deleted meanwhile. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<ShareFigures> computeShare(long shareId) {
        Share share = em.find(Share.class, shareId);
        if (share == null) {
            return Optional.empty();
        }
        Object[] row = (Object[]) em.createNativeQuery(SHARE_FIGURES).setParameter(1, shareId).getSingleResult();
        return Optional.of(ShareFigures.of(shareId, share.getName(), longOf(row[0]), longOf(row[1]), longOf(row[3]),
                longOf(row[2]), Instant.now()));
    }

    /** Stores the share's figures; true when they differ from the stored ones (or there were none). */
    public boolean recordShare(ShareFigures figures) {
        ShareStatistics row = em.find(ShareStatistics.class, figures.shareId());
        boolean changed = row == null || !figures.sameFiguresAs(row);
        if (row == null) {
            row = new ShareStatistics(figures.shareId());
            em.persist(row);
        }
        row.set(figures.share(), figures.logicalBytes(), figures.uniqueBytes(), figures.files(), figures.blocks(),
                figures.computedAt());
        return changed;
    }

    /** Removes the rows of shares that no longer exist; how many. */
    public int forgetDeletedShares() {
        return em.createNativeQuery("delete from share_statistics where share_id not in (select id from share)")
                .executeUpdate();
    }

    /** Every block store's id, the default one first: the store step walks each. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Long> storeIds() {
        return em.createQuery("select s.id from BlockStoreRow s order by s.id", Long.class).getResultList();
    }

    /**
     * Walks store {@code storeId}'s whole listing (long on a large S3 bucket: no transaction is held meanwhile) and
     * adds up what it holds, then asks the index what is referenced and adds up the shares on it; empty when the
     * store was deleted meanwhile.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<StoreFigures> computeStore(long storeId) {
        BlockStoreRow row = em.find(BlockStoreRow.class, storeId);
        if (row == null) {
            return Optional.empty();
        }
        BlockStore store = engine.store(storeId).unverified();   // the same listing; describe() without "(verified)"
        long bytes = 0;
        long objects = 0;
        try (Stream<StoredBlock> listing = store.list()) {
            for (StoredBlock object : (Iterable<StoredBlock>) listing::iterator) {
                bytes += object.size();
                objects++;
            }
        }
        StoreUsage referenced = storage.storeUsage(storeId);
        Object[] shares = (Object[]) em.createNativeQuery(STORE_SHARES).setParameter(1, storeId).getSingleResult();
        String kind = row.isDefault() ? CisternSettings.blockStoreKind() : row.getKind();
        return Optional.of(StoreFigures.of(row.getName(), kind, store.describe(), bytes, objects,
                referenced.physicalBytes(), referenced.blockCount(), longOf(shares[0]), longOf(shares[1]),
                Instant.now()));
    }

    /** Removes the rows of stores that no longer exist (or were renamed since); how many. */
    public int forgetDeletedStores() {
        return em.createNativeQuery("delete from store_statistics where store not in (select name from block_store)")
                .executeUpdate();
    }

    /** Stores the store's figures; true when they differ from the stored ones (or there were none). */
    public boolean recordStore(StoreFigures figures) {
        StoreStatistics row = em.find(StoreStatistics.class, figures.store());
        boolean changed = row == null || !figures.sameFiguresAs(row);
        if (row == null) {
            row = new StoreStatistics(figures.store());
            em.persist(row);
        }
        row.set(figures.kind(), figures.location(), figures.physicalBytes(), figures.blocks(),
                figures.referencedBytes(), figures.referencedBlocks(), figures.logicalBytes(), figures.files(),
                figures.computedAt());
        return changed;
    }

    /** Every stored row, as the API and the metrics show them. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public StatisticsSnapshot stored() {
        List<ShareFigures> shares = em.createQuery("select s from ShareStatistics s order by s.shareName",
                ShareStatistics.class).getResultList().stream().map(ShareFigures::of).toList();
        // the default store first, as GET stores lists it, then by name
        List<StoreFigures> stores = em.createQuery("select s from StoreStatistics s order by s.store",
                StoreStatistics.class).getResultList().stream().map(StoreFigures::of)
                .sorted(java.util.Comparator.comparing(figures -> !figures.store().equals(BlockStoreRow.DEFAULT_NAME)))
                .toList();
        return new StatisticsSnapshot(shares, stores);
    }

    private static long longOf(Object value) {
        return ((Number) value).longValue();
    }
}
