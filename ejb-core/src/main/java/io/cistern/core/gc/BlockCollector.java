package io.cistern.core.gc;

import io.cistern.core.audit.HashRanges;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.S3BlockStore;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.model.BlockState;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.payload.ObjectInStore;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.payload.StoredHash;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Deletes blocks whose refcount has been 0 for longer than the grace period, and stored objects that no {@code block}
 * row knows, safely against writers that reference the same block at the same time.
 *
 * <p>The danger is a row that says the store has a block it lacks: a writer that dedups against it puts nothing, and
 * its file then names bytes that are gone. A collector that deleted the object and then failed to delete the row
 * (a crash, a database restart) would leave exactly that. So an unreferenced block goes in two transactions:
 * <ol>
 * <li>{@link #mark}: {@code UPLOADED → PENDING}, only while the refcount is 0 and the grace has passed; committed.
 * PENDING means "not known to be in the store": from this commit on, a writer that references the block is told to
 * put it ({@code Refcounts}' upsert treats a PENDING row like a missing one, makes it UPLOADED, and the uploader puts
 * before it commits).</li>
 * <li>{@link #deleteMarked}: locks the row only if it is still PENDING with refcount 0 ({@code for update}), deletes the
 * object (idempotent), deletes the row, commits.</li>
 * </ol>
 * Why no interleaving loses data (a writer's reference is one upsert that locks the row, then a put, then commit):
 * <ul>
 * <li>a writer that referenced the block before the mark made its refcount 1: the mark does not match (it waits for
 * an uncommitted reference and then re-reads the row), and nothing more happens to it;</li>
 * <li>a writer that referenced it between the mark and the lock made it UPLOADED with refcount 1 and put it: the
 * lock's re-check skips it (again after waiting for the writer, if it had not committed);</li>
 * <li>a writer that references it while the delete holds the lock waits; the row is then gone, its upsert inserts
 * a new one, and it puts the block, after the delete;</li>
 * <li>a delete that dies after removing the object leaves the row PENDING with refcount 0 (its row delete rolled
 * back): the next reference puts the block, and the next collection finishes the delete (PENDING rows are
 * collected whatever their age: a collection has already decided about them).</li>
 * </ul>
 * Marking needs its own committed transaction before the object is touched: with the mark and the delete in one
 * transaction, the row would go back to UPLOADED on a failure after the object was gone.
 *
 * <p>An orphan (an object no row knows) can be a block whose upload put it and is still to commit its row, or one
 * that a rolled-back upload left and that the next upload of the same data will dedup against. So {@link
 * #deleteOrphan} first inserts a PENDING row for it ({@code on conflict do nothing}): if a row exists, committed or
 * not (the insert waits for an uncommitted one), the object is no orphan and stays; if the insert wins, a writer's
 * upsert waits for this transaction, which deletes the object and the row, and then inserts and puts. The grace
 * period on the object's age ({@link StoredBlock#modified}) is a second guard, not the one correctness rests on.
 *
 * <p>Each block is its own transactions, never the caller's: the batch chunk only carries the checkpoint, and a
 * collection that fails half way leaves only rows the next one finishes. Holding one block row and no inode, such a
 * transaction also cannot close a circle with the writers and deletions, which lock files and then blocks in
 * ascending (store, hash) ({@code BlockIndex}): it only ever waits for them, or they for it.
 *
 * <p>Unreferenced blocks are collected in every store, each row's object deleted from the store the row names.
 * Orphans (objects no row of their store knows) are looked for in every store's listing, one store after another.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class BlockCollector {
    private static final String PENDING = "'" + BlockState.PENDING.name() + "'";
    private static final String UPLOADED = "'" + BlockState.UPLOADED.name() + "'";
    /* a block's row names its store: its object is deleted from that store, never from another */
    private static final String ROW = "store_id = ?9 and hash = ?1";
    /* the primary key walks (store, hash) in order; only rows with refcount 0 qualify */
    private static final String COLLECTABLE_AFTER = "select store_id, hash from block where (store_id, hash) > (?9, ?1)"
            + " and refcount = 0"
            + " and (state = " + PENDING + " or last_referenced < now() - make_interval(secs => ?2))"
            + " order by store_id, hash limit ?3";

    private static final String MARK = "update block set state = " + PENDING
            + " where " + ROW + " and refcount = 0 and state = " + UPLOADED
            + " and last_referenced < now() - make_interval(secs => ?2)";

    private static final String LOCK_MARKED = "select size from block where " + ROW + " and refcount = 0"
            + " and state = " + PENDING + " for update";

    private static final String ADOPT_ORPHAN = "insert into block (store_id, hash, size, refcount, state, last_referenced)"
            + " values (?9, ?1, 0, 0, " + PENDING + ", now())"
            + " on conflict (store_id, hash) do nothing returning hash";

    private static final String DELETE_ROW = "delete from block where " + ROW;

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private PayloadEngine engine;

    @Resource
    private SessionContext context;

    /**
     * Up to {@code limit} blocks of the default store after {@code after} (null: from the first) that a collection
     * would examine, in hash order.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<BlockHash> collectableAfter(BlockHash after, long graceSeconds, int limit) {
        return collectable(BlockStoreRow.DEFAULT_ID, after == null ? HashRanges.start() : after.bytes(), graceSeconds,
                limit).stream().takeWhile(block -> block.storeId() == BlockStoreRow.DEFAULT_ID).map(StoredHash::hash)
                .toList();
    }

    /**
     * Up to {@code limit} blocks of every store after {@code after} (null: from the first) that a collection would
     * examine, in (store, hash) order: a collection walks every store's rows.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StoredHash> collectableInStoresAfter(StoredHash after, long graceSeconds, int limit) {
        return after == null ? collectable(Long.MIN_VALUE, HashRanges.start(), graceSeconds, limit)
                : collectable(after.storeId(), after.hash().bytes(), graceSeconds, limit);
    }

    private List<StoredHash> collectable(long afterStore, byte[] afterHash, long graceSeconds, int limit) {
        List<?> rows = em.createNativeQuery(COLLECTABLE_AFTER).setParameter(1, afterHash).setParameter(2, graceSeconds)
                .setParameter(3, limit).setParameter(9, afterStore).getResultList();
        return rows.stream().map(row -> (Object[]) row)
                .map(row -> new StoredHash(((Number) row[0]).longValue(), new BlockHash((byte[]) row[1]))).toList();
    }

    /** Every block store's id, in order: the orphan walk and the multipart cleanup visit each. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Long> storeIds() {
        return em.createQuery("select s.id from BlockStoreRow s order by s.id", Long.class).getResultList();
    }

    /**
     * Store {@code storeId}'s objects after {@code after} (null: all) in hash order, for the orphan walk; empty when
     * the store was deleted meanwhile. Close the stream.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Stream<StoredBlock> storedAfter(long storeId, BlockHash after) {
        if (em.find(BlockStoreRow.class, storeId) == null) {
            return Stream.empty();
        }
        return engine.store(storeId).listInOrder(after);
    }

    /** Marks the block, then deletes it if the mark (this one or an earlier) still holds; what was deleted, if any. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Collected> collect(StoredHash block, long graceSeconds) {
        BlockCollector self = context.getBusinessObject(BlockCollector.class);
        self.mark(block, graceSeconds);
        return self.deleteMarked(block);
    }

    /** {@link #collect(StoredHash, long)} in the default store. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Collected> collect(BlockHash hash, long graceSeconds) {
        return collect(inDefaultStore(hash), graceSeconds);
    }

    /** Step 1: UPLOADED → PENDING while unreferenced past the grace; true if this marked it. Commits on return. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean mark(StoredHash block, long graceSeconds) {
        return em.createNativeQuery(MARK).setParameter(1, block.hash().bytes()).setParameter(2, graceSeconds)
                .setParameter(9, block.storeId()).executeUpdate() == 1;
    }

    /** {@link #mark(StoredHash, long)} in the default store. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean mark(BlockHash hash, long graceSeconds) {
        return mark(inDefaultStore(hash), graceSeconds);
    }

    /**
     * Step 2: under the row's lock, if it is still PENDING with refcount 0, deletes the object (from the store the row
     * names) and then the row. In the caller's transaction if there is one (tests make it fail after the object is
     * gone), else in its own.
     */
    public Optional<Collected> deleteMarked(StoredHash block) {
        List<?> locked = em.createNativeQuery(LOCK_MARKED).setParameter(1, block.hash().bytes())
                .setParameter(9, block.storeId()).getResultList();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        deleteObjectAndRow(block);
        return Optional.of(new Collected(block.hash(), ((Number) locked.get(0)).longValue(), false));
    }

    /** {@link #deleteMarked(StoredHash)} in the default store. */
    public Optional<Collected> deleteMarked(BlockHash hash) {
        return deleteMarked(inDefaultStore(hash));
    }

    /** Deletes the object if it is older than the grace and no row of its store knows it; what was deleted, if any. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Collected> collectOrphan(ObjectInStore found, long graceSeconds) {
        if (!found.object().modified().isBefore(Instant.now().minusSeconds(graceSeconds))) {
            return Optional.empty();   // an upload may have put it and not yet committed its row
        }
        return context.getBusinessObject(BlockCollector.class).deleteOrphan(found);
    }

    /**
     * Claims the hash with a PENDING row of the object's store (whose listing the orphan walk reads), unless a row
     * exists; then deletes the object and the row.
     */
    public Optional<Collected> deleteOrphan(ObjectInStore found) {
        StoredBlock object = found.object();
        List<?> claimed = em.createNativeQuery(ADOPT_ORPHAN).setParameter(1, object.hash().bytes())
                .setParameter(9, found.storeId()).getResultList();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        deleteObjectAndRow(new StoredHash(found.storeId(), object.hash()));
        return Optional.of(new Collected(object.hash(), object.size(), true));
    }

    /**
     * Aborts the multipart uploads under each S3 store's prefix that began longer than the grace ago, and returns how
     * many; filesystem stores have none. Cistern's own puts are single-part, so these are another tool's interrupted
     * uploads, whose parts cost storage until aborted. A store that fails does not keep the others from being
     * cleaned; the first failure is thrown after them.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int abortStaleMultipartUploads(long graceSeconds) {
        int aborted = 0;
        RuntimeException failed = null;
        for (long storeId : storeIds()) {
            try {
                if (engine.store(storeId).unverified() instanceof S3BlockStore s3) {
                    aborted += s3.abortStaleMultipartUploads(Duration.ofSeconds(graceSeconds));
                }
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return aborted;
    }

    private void deleteObjectAndRow(StoredHash block) {
        engine.store(block.storeId()).delete(block.hash());
        // nobody references it, so no reader should want it; a stale copy must not hide the store's state either (the
        // cache is by hash: another store's copy of the same bytes is read from that store again)
        engine.cache().invalidate(block.hash());
        em.createNativeQuery(DELETE_ROW).setParameter(1, block.hash().bytes()).setParameter(9, block.storeId())
                .executeUpdate();
    }

    private static StoredHash inDefaultStore(BlockHash hash) {
        return new StoredHash(BlockStoreRow.DEFAULT_ID, hash);
    }
}
