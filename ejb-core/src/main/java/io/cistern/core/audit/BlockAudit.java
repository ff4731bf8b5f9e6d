package io.cistern.core.audit;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.BlockStoreException;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.payload.PayloadEngine;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checks of the audit (scrub), each small, for the audit job's steps to call: read a stored block back and hash
 * it, whether the index knows a hash, the referenced hashes page by page, the refcounts compared with the mappings
 * range by range, the files a block serves, and the findings' rows. Queries run in the caller's transaction (the
 * job's chunk); reading a block runs outside any, since it may take a while and touches no row.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class BlockAudit {
    /** How many affected paths a finding's detail names; {@link #affectedPaths} gives them all. */
    static final int PATHS_IN_DETAIL = 5;

    /*
     * Every store is audited, one at a time (?9 names it in block's rows, ?8 in the files' shares: one parameter per
     * place): its rows are compared with the mappings of the files of the shares on it only, since a file on another
     * store names blocks in that store.
     */
    private static final String STORE = "store_id = ?9";
    static final String ON_STORE = "f.inode_id in (select i.id from inode i join share s on s.id = i.share_id"
            + " where coalesce(s.store_id, 0) = ?8)";

    private static final String KNOWN = "select count(*) from block where " + STORE + " and hash = ?1";

    /* the index on file_block (hash) walks the hashes in order, a page at a time */
    private static final String REFERENCED_AFTER = "select distinct f.hash from file_block f where f.hash > ?1 and "
            + ON_STORE + " order by f.hash limit ?2";

    /*
     * Both sides restricted to one range of hashes before the join, so that each query groups only its part of
     * file_block. The full join also finds hashes that files name and the index has no row for.
     */
    private static final String REFCOUNT_MISMATCHES = "select coalesce(b.hash, c.hash) as hash, b.refcount,"
            + " coalesce(c.counted, 0) as counted"
            + " from (select hash, refcount from block where " + STORE + " and hash > ?1 and hash < ?2) b"
            + " full join (select f.hash, count(*) as counted from file_block f where f.hash > ?3 and f.hash < ?4"
            + " and " + ON_STORE + " group by f.hash) c on c.hash = b.hash"
            + " where b.hash is null or b.refcount <> coalesce(c.counted, 0)"
            + " order by 1";

    /*
     * From each name of each file using the block up through the directories' entries to a share's root. A
     * directory has exactly one entry (no hard links to directories), a file one per link; the depth bound only
     * guards against a cycle a damaged table could hold.
     */
    private static final String AFFECTED_PATHS = "with recursive up (dir_id, path, depth) as ("
            + " select e.parent_id, decode('2f', 'hex') || e.name, 0 from dirent e"
            + " where e.child_id in (select inode_id from file_block where hash = ?1)"
            + " union all"
            + " select e.parent_id, decode('2f', 'hex') || e.name || up.path, up.depth + 1"
            + " from up join dirent e on e.child_id = up.dir_id"
            + " where up.depth < 4096 and not exists (select 1 from share r where r.root_inode_id = up.dir_id))"
            + " select s.name, up.path from up join share s on s.root_inode_id = up.dir_id"
            + " order by 1, 2 limit ?2";

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private PayloadEngine engine;

    /**
     * The store as it is, without the verifying wrapper: its reads check nothing, so a block whose CRC32C still
     * holds is hashed all the same (the checksum could have been rewritten with the damage, or damaged to match).
     */
    private BlockStore store(long storeId) {
        return engine.store(storeId).unverified();
    }

    /** Every block store's id, in order: the steps walk one store after another. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Long> storeIds() {
        return em.createQuery("select s.id from BlockStoreRow s order by s.id", Long.class).getResultList();
    }

    /**
     * Store {@code storeId}'s blocks after {@code after} (null: all) in hash order; empty when the store was deleted
     * meanwhile. Close the stream.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Stream<StoredBlock> storedBlocksAfter(long storeId, BlockHash after) {
        if (em.find(BlockStoreRow.class, storeId) == null) {
            return Stream.empty();
        }
        return store(storeId).listInOrder(after);
    }

    /** {@link #verify(long, BlockHash)} in the default store. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public StoredBlockCheck verify(BlockHash hash) {
        return verify(BlockStoreRow.DEFAULT_ID, hash);
    }

    /** Reads the block whole from its store and compares the SHA-256 of its content with its address. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public StoredBlockCheck verify(long storeId, BlockHash hash) {
        MessageDigest digest = BlockHash.newDigest();
        try {
            store(storeId).get(hash, digest);
        } catch (BlockStoreException e) {
            return switch (e.kind()) {
                case NOT_FOUND -> StoredBlockCheck.GONE;        // deleted (by garbage collection) since it was listed
                case CORRUPT -> StoredBlockCheck.CORRUPT;       // too long for a block, or ended while being read
                default -> throw e;                             // the store failed: the chunk fails and is retried
            };
        }
        return MessageDigest.isEqual(hash.bytes(), digest.digest()) ? StoredBlockCheck.INTACT : StoredBlockCheck.CORRUPT;
    }

    /** Whether store {@code storeId} has the block. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isStored(long storeId, BlockHash hash) {
        return store(storeId).exists(hash);
    }

    /** Whether the dedup index ({@code block}) has a row for the hash in the store, whatever its count. */
    public boolean isKnown(long storeId, BlockHash hash) {
        return ((Number) em.createNativeQuery(KNOWN).setParameter(1, hash.bytes()).setParameter(9, storeId)
                .getSingleResult()).longValue() > 0;
    }

    /**
     * Up to {@code limit} distinct hashes that the files on store {@code storeId} map, after {@code after} (null: from
     * the first).
     */
    public List<BlockHash> referencedAfter(long storeId, BlockHash after, int limit) {
        byte[] from = after == null ? HashRanges.start() : after.bytes();
        List<?> rows = em.createNativeQuery(REFERENCED_AFTER).setParameter(1, from).setParameter(2, limit)
                .setParameter(8, storeId).getResultList();
        return rows.stream().map(row -> new BlockHash((byte[]) row)).toList();
    }

    /**
     * Every block in the range ({@code after}, {@code before}) (exclusive byte-string bounds: {@link HashRanges})
     * whose refcount differs from the number of mappings naming it, or that mappings name without a row, in hash
     * order. One query.
     */
    public List<RefcountMismatch> refcountMismatches(long storeId, byte[] after, byte[] before) {
        List<?> rows = em.createNativeQuery(REFCOUNT_MISMATCHES).setParameter(1, after).setParameter(2, before)
                .setParameter(3, after).setParameter(4, before).setParameter(8, storeId).setParameter(9, storeId)
                .getResultList();
        List<RefcountMismatch> mismatches = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            Long recorded = columns[1] == null ? null : ((Number) columns[1]).longValue();
            mismatches.add(new RefcountMismatch(storeId, new BlockHash((byte[]) columns[0]), recorded,
                    ((Number) columns[2]).longValue()));
        }
        return mismatches;
    }

    /**
     * The paths of up to {@code limit} files that use the block, as {@code /<share>/<dir>/…/<name>}, one per link,
     * sorted. Names are bytes; they are shown as UTF-8. A file with no name left (removed while still open) has
     * no path.
     */
    public List<String> affectedPaths(BlockHash hash, int limit) {
        List<?> rows = em.createNativeQuery(AFFECTED_PATHS).setParameter(1, hash.bytes()).setParameter(2, limit)
                .getResultList();
        List<String> paths = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            paths.add("/" + columns[0] + new String((byte[]) columns[1], StandardCharsets.UTF_8));
        }
        return paths;
    }

    /**
     * A finding about a block of store {@code storeId} (not yet recorded), its detail the reason and the first files
     * it affects.
     */
    public AuditFinding finding(long executionId, FindingKind kind, long storeId, BlockHash hash, String reason) {
        List<String> paths = affectedPaths(hash, PATHS_IN_DETAIL + 1);
        String used = paths.isEmpty() ? "; used by no named file"
                : "; used by " + String.join(", ", paths.subList(0, Math.min(PATHS_IN_DETAIL, paths.size())))
                        + (paths.size() > PATHS_IN_DETAIL ? ", …" : "");
        return new AuditFinding(executionId, kind, storeId, hash, null, null, reason + inStore(storeId) + used,
                Instant.now());
    }

    /** A finding for a refcount that differs from the mappings (not yet recorded). */
    public AuditFinding finding(long executionId, RefcountMismatch mismatch) {
        String reason = mismatch.recorded() == null
                ? mismatch.counted() + " mappings name a block the index has no row for"
                : "the index counts " + mismatch.recorded() + " references, the mappings " + mismatch.counted();
        return new AuditFinding(executionId, FindingKind.REFCOUNT_MISMATCH, mismatch.storeId(), mismatch.hash(),
                mismatch.recorded(), mismatch.counted(), reason + inStore(mismatch.storeId()), Instant.now());
    }

    /** Where the block is, for a finding's detail: nothing for the default store, as before stores were several. */
    private String inStore(long storeId) {
        if (storeId == BlockStoreRow.DEFAULT_ID) {
            return "";
        }
        BlockStoreRow row = em.find(BlockStoreRow.class, storeId);
        return " (in store '" + (row == null ? Long.toString(storeId) : row.getName()) + "')";
    }

    /** Stores findings, in the caller's transaction (the chunk's: they commit with its checkpoint). */
    public void record(List<AuditFinding> findings) {
        findings.forEach(em::persist);
    }

    /** How many blocks the index has a row for, in every store: about as many as they hold, for a walk's progress. */
    public long indexedBlocks() {
        return ((Number) em.createNativeQuery("select count(*) from block").getSingleResult()).longValue();
    }

    /**
     * Up to {@code limit} findings of the executions (an audit and the executions that restarted it), oldest first,
     * after the one with id {@code afterId} (null: from the first), of one kind (null: every kind).
     */
    public List<AuditFinding> findings(Collection<Long> executions, FindingKind kind, Long afterId, int limit) {
        if (executions.isEmpty()) {
            return List.of();
        }
        var query = em.createQuery("select f from AuditFinding f where f.executionId in :executions"
                        + (kind == null ? "" : " and f.kind = :kind") + " and f.id > :after order by f.id",
                        AuditFinding.class)
                .setParameter("executions", executions).setParameter("after", afterId == null ? 0L : afterId)
                .setMaxResults(limit);
        if (kind != null) {
            query.setParameter("kind", kind);
        }
        return query.getResultList();
    }

    /** What an execution found, in the order it found it. */
    public List<AuditFinding> findings(long executionId) {
        return em.createQuery("select f from AuditFinding f where f.executionId = :execution order by f.id",
                AuditFinding.class).setParameter("execution", executionId).getResultList();
    }
}
