package io.cistern.core.audit;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.BlockStoreException;
import io.cistern.core.model.BlockState;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.payload.BlockCopies;
import io.cistern.core.payload.PayloadEngine;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Repairs what the audit found, one block per transaction of its own, holding the block's row lock throughout: a
 * refcount is set to the number of mappings counted under that lock, and a CORRUPT or MISSING block is put into the
 * store again from a good copy in the block cache or the journal ({@link BlockCopies}, which hashes every copy).
 * A repaired finding is recorded in the same transaction as the repair, so that the record of a repair is never
 * lost, nor made twice, whatever happens to the audit's chunk afterwards.
 *
 * <p>Why this does not race garbage collection or writers into losing data ({@code BlockCollector} and
 * {@code Refcounts} give the other half):
 * <ul>
 * <li>Every change starts by locking the row ({@code for update}); the collector's delete locks the same row first
 * and deletes only a PENDING row with refcount 0, and its mark needs refcount 0. A count repaired upwards from a
 * wrong 0 therefore stops a collection that had marked the block, and one that already holds the lock finishes
 * first: the row is then gone, which this sees and handles as a missing row.</li>
 * <li>The count is taken after the lock, in its own statement, so it sees every committed mapping. A writer changes
 * mappings first and the counts after ({@code MappingChanges}, which keeps the lock order of {@code BlockIndex}), each
 * count by its net change under the row lock: a writer whose new mapping this did not count (not yet committed)
 * adds it after this commits, to the count this set, and one whose removed mapping this still counted takes it off
 * after this commits. A writer that changed the count already holds the row, so this waits for it and counts its
 * committed mappings. This transaction locks one block row and no inode, so it closes no circle with them.</li>
 * <li>A missing row that files still name is inserted PENDING with their count ({@code on conflict do nothing}: a
 * concurrent insert wins, and this then locks that row). PENDING tells the next writer of the same content to put
 * the block. A row is made UPLOADED only once the store holds the block intact, before the commit, as the uploader
 * does.</li>
 * <li>A damaged object is deleted only when a good copy is in hand, and put back under the same lock; the put is read
 * back and hashed before the commit.</li>
 * </ul>
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BlockRepair {
    private static final Logger LOG = Logger.getLogger(BlockRepair.class.getName());
    private static final String PENDING = BlockState.PENDING.name();
    private static final String UPLOADED = BlockState.UPLOADED.name();

    /* the finding's store (?9 in block's rows, ?8 in the files' shares; see BlockAudit) */
    private static final String STORE = "store_id = ?9";
    private static final String LOCK = "select refcount, state, size from block where " + STORE
            + " and hash = ?1 for update";
    private static final String COUNT = "select count(*), coalesce(max(f.length), 0) from file_block f"
            + " where f.hash = ?1 and " + BlockAudit.ON_STORE;
    private static final String CREATE = "insert into block (store_id, hash, size, refcount, state, last_referenced)"
            + " values (?9, ?1, ?2, ?3, '" + PENDING + "', now())"
            + " on conflict (store_id, hash) do nothing returning hash";
    /* last_referenced: a count repaired down to 0 gives garbage collection's grace from now, not from long ago */
    private static final String SET_REFCOUNT = "update block set refcount = ?2, last_referenced = now() where " + STORE
            + " and hash = ?1";
    private static final String SET_STATE = "update block set state = ?2 where " + STORE + " and hash = ?1";

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private PayloadEngine engine;

    @EJB
    private BlockAudit audit;

    /** The block's row as it was when this locked it (or made it). */
    private record LockedRow(long refcount, String state, int size, boolean created) {
    }

    /**
     * Repairs what the finding is about, when it can; if it did, records the finding (marked repaired, the detail
     * saying how) and returns true. Otherwise records nothing, adds to the finding's detail why it is not repaired,
     * and returns false: the caller records it with the audit's other findings.
     */
    public boolean repairAndRecord(AuditFinding finding) {
        Outcome outcome = switch (finding.getKind()) {
            case REFCOUNT_MISMATCH -> recount(finding.getStoreId(), finding.getHash());
            case CORRUPT, MISSING -> restore(finding.getStoreId(), finding.getHash(), finding.getKind());
            case ORPHAN -> new Outcome(false, "not repaired: garbage collection deletes orphans after the grace");
        };
        finding.repairOutcome(outcome.repaired(), outcome.note());
        if (outcome.repaired()) {
            LOG.info(() -> "audit repaired block " + finding.getHash().hex() + " (" + finding.getKind() + "): "
                    + outcome.note());
            audit.record(List.of(finding));
        }
        return outcome.repaired();
    }

    private record Outcome(boolean repaired, String note) {
    }

    /** Sets the refcount to the mappings counted under the row lock; a re-made row also gets its block back. */
    private Outcome recount(long storeId, BlockHash hash) {
        Optional<LockedRow> locked = lockOrCreate(storeId, hash);
        if (locked.isEmpty()) {
            return new Outcome(false, "not repaired: no row and no mapping any more");
        }
        LockedRow row = locked.get();
        if (row.created()) {
            return new Outcome(true, "row made again with refcount " + row.refcount()
                    + "; " + ensureStored(storeId, hash, row));
        }
        long counted = count(storeId, hash);
        if (counted == row.refcount()) {
            return new Outcome(false, "not repaired: counted again under the row lock, the refcount matches");
        }
        em.createNativeQuery(SET_REFCOUNT).setParameter(9, storeId)
                .setParameter(1, hash.bytes()).setParameter(2, counted).executeUpdate();
        String stored = PENDING.equals(row.state()) && counted > 0 ? "; " + ensureStored(storeId, hash, row) : "";
        return new Outcome(true, "refcount set from " + row.refcount() + " to " + counted + stored);
    }

    /** Puts a damaged or lost block back from a good copy, for files that still use it. */
    private Outcome restore(long storeId, BlockHash hash, FindingKind kind) {
        Optional<LockedRow> locked = lockOrCreate(storeId, hash);
        if (locked.isEmpty() || count(storeId, hash) == 0) {
            return new Outcome(false, "not repaired: no file uses the block");
        }
        LockedRow row = locked.get();
        StoredBlockCheck now = audit.verify(storeId, hash);
        if (now == StoredBlockCheck.INTACT) {
            markUploaded(storeId, hash, row);
            return new Outcome(false, "not repaired: the store holds it intact again");
        }
        Optional<BlockCopies.Copy> copy = engine.copies().find(hash, row.size());
        if (copy.isEmpty()) {
            if (now == StoredBlockCheck.GONE && UPLOADED.equals(row.state())) {
                setState(storeId, hash, PENDING);
                return new Outcome(false, "not repaired: no good copy in the cache or the journal; marked PENDING,"
                        + " so that the next write of the same content stores it again");
            }
            return new Outcome(false, "not repaired: no good copy in the cache or the journal");
        }
        putBack(storeId, hash, copy.get().bytes(), now == StoredBlockCheck.CORRUPT);
        markUploaded(storeId, hash, row);
        return new Outcome(true, (kind == FindingKind.CORRUPT ? "replaced" : "put back")
                + " from a good copy in the " + copy.get().source().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** For a row this found PENDING or made: the block is put from a good copy unless the store has it intact. */
    private String ensureStored(long storeId, BlockHash hash, LockedRow row) {
        StoredBlockCheck now = audit.verify(storeId, hash);
        if (now == StoredBlockCheck.INTACT) {
            markUploaded(storeId, hash, row);
            return "the store has the block";
        }
        Optional<BlockCopies.Copy> copy = engine.copies().find(hash, row.size());
        if (copy.isEmpty()) {
            return "the store lacks the block and no good copy is at hand: it stays PENDING, so that the next write of"
                    + " the same content stores it";
        }
        putBack(storeId, hash, copy.get().bytes(), now == StoredBlockCheck.CORRUPT);
        markUploaded(storeId, hash, row);
        return "the block was put back from a good copy";
    }

    /** Deletes a damaged object first (a put leaves an existing one alone), puts the copy, and reads it back. */
    private void putBack(long storeId, BlockHash hash, byte[] bytes, boolean damagedThere) {
        BlockStore store = engine.store(storeId).unverified();
        if (damagedThere) {
            store.delete(hash);
        }
        store.put(hash, ByteBuffer.wrap(bytes));
        if (audit.verify(storeId, hash) != StoredBlockCheck.INTACT) {
            // rolls the row changes back; the next audit finds the block damaged again
            throw new BlockStoreException(BlockStoreException.Kind.CORRUPT, "block " + hash.hex()
                    + " did not read back intact after it was put from a good copy into " + store.describe());
        }
        engine.cache().put(hash, bytes);
    }

    private void markUploaded(long storeId, BlockHash hash, LockedRow row) {
        if (PENDING.equals(row.state())) {
            setState(storeId, hash, UPLOADED);
        }
    }

    private void setState(long storeId, BlockHash hash, String state) {
        em.createNativeQuery(SET_STATE).setParameter(9, storeId)
                .setParameter(1, hash.bytes()).setParameter(2, state).executeUpdate();
    }

    /**
     * Locks the block's row; when there is none and files name the block, makes it (PENDING, their count) and holds
     * the new row. Empty when there is no row and no mapping.
     */
    private Optional<LockedRow> lockOrCreate(long storeId, BlockHash hash) {
        for (int attempt = 0; attempt < 3; attempt++) {
            List<?> rows = em.createNativeQuery(LOCK).setParameter(9, storeId)
                    .setParameter(1, hash.bytes()).getResultList();
            if (!rows.isEmpty()) {
                Object[] row = (Object[]) rows.get(0);
                return Optional.of(new LockedRow(((Number) row[0]).longValue(), (String) row[1],
                        ((Number) row[2]).intValue(), false));
            }
            Object[] mapped = (Object[]) em.createNativeQuery(COUNT).setParameter(8, storeId)
                    .setParameter(1, hash.bytes()).getSingleResult();
            long counted = ((Number) mapped[0]).longValue();
            if (counted == 0) {
                return Optional.empty();
            }
            int size = ((Number) mapped[1]).intValue();
            List<?> created = em.createNativeQuery(CREATE).setParameter(9, storeId)
                    .setParameter(1, hash.bytes()).setParameter(2, size)
                    .setParameter(3, counted).getResultList();
            if (!created.isEmpty()) {
                return Optional.of(new LockedRow(counted, PENDING, size, true));
            }
            // another transaction made the row meanwhile: lock that one
        }
        throw new IllegalStateException("the row of block " + hash.hex() + " kept appearing and vanishing");
    }

    private long count(long storeId, BlockHash hash) {
        Object[] mapped = (Object[]) em.createNativeQuery(COUNT).setParameter(8, storeId)
                .setParameter(1, hash.bytes()).getSingleResult();
        return ((Number) mapped[0]).longValue();
    }
}
