package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStore;
import io.cistern.core.model.Inode;
import io.cistern.core.tx.TransactionEnd;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Moves journaled writes into the block store, in the three steps of the upload job: {@link #pendingWork} lists
 * what to do, {@link #seal} assembles and hashes one block, {@link #store} references, puts (only blocks the store
 * may lack: new to the index, or marked by garbage collection), maps and records the new size, all in one
 * transaction. The journal index forgets the records only
 * after that transaction commits, and the journal releases them after that, so a crash at any point leaves the
 * records in the journal to be uploaded again, which stores the same bytes under the same hash.
 * <p>
 * One uploader runs at a time (the batch job's scheduler sees to it); the steps are safe against concurrent
 * writers, readers, truncations and deletions: see {@link BlockAssembler} and {@link SizeOverlay} for the orders
 * that make them so, and {@link #store} for the order of its locks.
 */
@Stateless
public class BlockUploader {
    private static final Logger LOG = Logger.getLogger(BlockUploader.class.getName());
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private PayloadEngine engine;

    @EJB
    private BlockIndex blockIndex;

    @Resource
    private SessionContext context;

    /**
     * Truncations first (a file's blocks wait for them), then the dirty blocks settled as {@link UploadPacing} says;
     * at most {@code max}.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UploadWork> pendingWork(int max) {
        return pending(max, UploadPacing.settledBefore(System.nanoTime(), engine.journalFill(), engine.lastClientRequest()));
    }

    private List<UploadWork> pending(int max, long quietSince) {
        JournalIndex index = engine.index();
        List<UploadWork> work = new ArrayList<>();
        for (PendingTruncation truncation : index.pendingTruncations()) {
            if (work.size() < max) {
                work.add(UploadWork.of(truncation));
            }
        }
        for (DirtyBlock dirty : index.dirtyBlocks(quietSince)) {
            if (work.size() < max) {
                work.add(UploadWork.of(dirty));
            }
        }
        return work;
    }

    /** Whether some of it is ready for the upload now: a truncation, or a block settled as {@link UploadPacing} says. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean hasSettledWork() {
        return !pendingWork(1).isEmpty();
    }

    /** Whether the journal holds anything not yet uploaded, settled or not. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean hasUnuploadedWrites() {
        return !engine.index().isEmpty();
    }

    /**
     * Frees the journal space of writes that will never be uploaded, their files having been deleted first. An
     * upload frees space only after it has stored something, and with every file deleted there is nothing to store.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void releaseDiscarded() {
        releaseJournal();
    }

    /** Queue and progress, for the console and the metrics. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UploadStatus status() {
        return engine.uploadStatus();
    }

    /** Assembles the block the work is about from the stored block and the journal, and hashes it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public SealedWork seal(UploadWork work) {
        long inodeId = work.inodeId();
        SizeOverlay overlay = engine.index().sizeOverlay(inodeId);   // before the stored size: see SizeOverlay
        Inode inode = em.find(Inode.class, inodeId);
        if (inode == null) {
            return SealedWork.gone(work);
        }
        StoredBlocks stored = StoredBlocks.forUploading(blockIndex, engine);
        try {
            if (work.truncation()) {
                return sealCutBlock(work, stored);
            }
            long fileSize = overlay.applyTo(inode.getSize());
            BlockSnapshot snapshot = engine.index().snapshot(inodeId, work.blockIndex()).through(work.highestSequence());
            long writtenEnd = snapshot.extents().stream().mapToLong(e -> snapshot.blockStart() + e.end()).max()
                    .orElse(0);
            ByteBuffer bytes = assembleThrough(inodeId, work.blockIndex(), fileSize, work.highestSequence(),
                    stored.loader(inodeId, work.blockIndex()));
            boolean none = !bytes.hasRemaining();
            return new SealedWork(work, none ? null : BlockHash.of(bytes), none ? null : bytes,
                    Math.min(writtenEnd, fileSize), false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the journal to seal " + work.key() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The block as {@link BlockAssembler#assembleThrough} builds it; a full one in a slab of the block cache, which
     * adopts it once the upload commits ({@link #store}): a large file's blocks then go to the store and into the
     * cache without a copy on the heap.
     */
    private ByteBuffer assembleThrough(long inodeId, long blockIndex, long fileSize, long upToSequence,
                                       BlockAssembler.BaseLoader base) throws IOException {
        ByteBuffer slab = BlockAssembler.isFull(blockIndex, fileSize) ? engine.cache().borrowSlab() : null;
        if (slab != null) {
            ByteBuffer block = null;
            try {
                block = engine.assembler().assembleThroughInto(inodeId, blockIndex, fileSize, upToSequence, base, slab);
            } finally {
                if (block == null) {
                    engine.cache().giveBack(slab);
                }
            }
            return block;
        }
        return ByteBuffer.wrap(engine.assembler().assembleThrough(inodeId, blockIndex, fileSize, upToSequence, base));
    }

    /** The block a truncation cuts, stored again ending at the cut; none when no stored block is cut. */
    private SealedWork sealCutBlock(UploadWork work, StoredBlocks stored) throws IOException {
        PendingTruncation truncation = work.asTruncation();
        if (!truncation.cutsABlock() || stored.load(work.inodeId(), truncation.cutBlock(), 0, 0) == null) {
            return new SealedWork(work, null, null, 0, false);
        }
        byte[] bytes = engine.assembler().assembleThrough(work.inodeId(), truncation.cutBlock(),
                truncation.lowestSize(), work.highestSequence(), stored.loader(work.inodeId(), truncation.cutBlock()));
        return new SealedWork(work, BlockHash.of(bytes), ByteBuffer.wrap(bytes), 0, false);
    }

    /**
     * Stores and maps the sealed blocks in the caller's transaction (the chunk's); the index forgets them once it
     * commits. A store failure rolls everything back, and the work is found again by the next {@link #pendingWork}.
     * <p>
     * Locks in the one order of {@link BlockIndex}: all the chunk's files first, in ascending id, then the blocks, in
     * ascending hash ({@link MappingChanges}). Taking each file's blocks right after its inode, as this once did, held
     * one file's block while waiting for the next file, which a REMOVE of that file could be holding while it waited
     * for the same block.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void store(List<SealedWork> sealed) {
        Map<Long, Inode> files = lockFiles(sealed);
        MappingChanges changes = new MappingChanges(em);
        List<Runnable> afterCommit = new ArrayList<>();
        List<MappedWork> mapped = new ArrayList<>();
        // a share's row is share-locked once for the transaction, however many of the chunk's files are in it
        Map<Long, Long> shareStores = new HashMap<>();
        for (SealedWork item : sealed) {
            afterCommit.add(storeOne(item, files.get(item.work().inodeId()), shareStores, changes, mapped));
        }
        Set<StoredHash> put = putMissing(changes.apply(), mapped);
        Set<Long> inodes = sealed.stream().map(item -> item.work().inodeId()).collect(Collectors.toSet());
        TransactionEnd.afterCommit(() -> {
            // before the journal index forgets what it held: until then, a reader that still gets an old mapping
            // lays the journal's bytes over it (see BlockMappings)
            inodes.forEach(engine.mappings()::invalidate);
            afterCommit.forEach(Runnable::run);
            mapped.forEach(item -> countSealed(item.sealed(), put.remove(item.stored())));
            handOverSlabs(sealed);
            releaseJournal();
        });
    }

    /** The chunk's files that still exist, locked in ascending id by one statement (ORDER BY under FOR UPDATE). */
    private Map<Long, Inode> lockFiles(List<SealedWork> sealed) {
        List<Long> ids = sealed.stream().filter(item -> !item.fileGone()).map(item -> item.work().inodeId())
                .distinct().sorted().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select i from Inode i where i.id in :ids order by i.id", Inode.class)
                .setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .collect(Collectors.toMap(Inode::getId, inode -> inode));
    }

    /**
     * Puts the blocks the store may lack (see {@link BlockIndex#mapBlock}), several at once ({@link ParallelPuts});
     * returns them. The puts end before the transaction commits: that is what lets garbage collection trust a
     * committed UPLOADED row.
     */
    private Set<StoredHash> putMissing(List<StoredHash> missing, List<MappedWork> mapped) {
        Set<StoredHash> put = new HashSet<>();
        List<Runnable> puts = new ArrayList<>();
        for (MappedWork item : mapped) {
            if (missing.contains(item.stored()) && put.add(item.stored())) {
                BlockStore store = engine.store(item.storeId());
                puts.add(() -> store.put(item.sealed().hash(), item.sealed().bytes()));
            }
        }
        engine.uploadPuts().runAll(puts);
        for (MappedWork item : mapped) {
            if (!item.sealed().inSlab()) {
                // verified by construction (it was hashed here), and the next reader of the file wants it
                engine.cache().put(item.sealed().hash(), item.sealed().bytes().array());
            }
        }
        return put;
    }

    /**
     * After the commit, the cache adopts the blocks sealed in its slabs (verified by construction, and wanted by the
     * file's next reader). Not sooner: until the commit a retry may store these very bytes again, and an adopted
     * slab is reused for another block once evicted. Slabs of a chunk that rolls back go to the collector.
     */
    private void handOverSlabs(List<SealedWork> sealed) {
        for (SealedWork item : sealed) {
            if (item.inSlab()) {
                engine.cache().adopt(item.hash(), item.bytes());
            }
        }
    }

    /** A sealed block mapped to its file, which keeps its blocks in store {@code storeId} (its share's). */
    private record MappedWork(SealedWork sealed, long storeId) {
        StoredHash stored() {
            return new StoredHash(storeId, sealed.hash());
        }
    }

    /**
     * Uploads everything the journal holds, settled or not, each step in its own transaction; returns how many
     * steps it took. For shutdown, tests and tools: the batch job is the everyday way.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int drain() {
        BlockUploader self = context.getBusinessObject(BlockUploader.class);
        int steps = 0;
        for (List<UploadWork> work = pendingAll(); !work.isEmpty(); work = pendingAll()) {
            for (UploadWork item : work) {
                self.store(List.of(self.seal(item)));
                steps++;
            }
        }
        return steps;
    }

    private List<UploadWork> pendingAll() {
        return pending(Integer.MAX_VALUE, JournalIndex.ANY_AGE);
    }

    /**
     * The database half of one step, {@code inode} locked already (null: the file is gone); a mapped block joins
     * {@code mapped}, to be counted and put with the chunk's others; {@code shareStores} remembers the store of each
     * share the chunk has met. Returns what to do in memory once it has committed.
     */
    private Runnable storeOne(SealedWork item, Inode inode, Map<Long, Long> shareStores, MappingChanges changes,
                              List<MappedWork> mapped) {
        UploadWork work = item.work();
        long inodeId = work.inodeId();
        if (inode == null) {
            return () -> engine.discard(inodeId);
        }
        long storeId = shareStores.computeIfAbsent(inode.getShareId(), share -> StoreOfFile.lockedOfShare(em, share));
        if (work.truncation()) {
            changes.unmapFrom(inodeId, storeId, work.asTruncation().firstBlockToUnmap());
            if (item.hash() != null) {
                map(inodeId, storeId, work.asTruncation().cutBlock(), item, changes, mapped);
            }
            inode.setSize(work.lastSize());
            return () -> engine.index().forgetTruncations(inodeId, work.highestSequence());
        }
        if (item.hash() == null) {
            changes.unmapFrom(inodeId, storeId, work.blockIndex());   // wholly beyond the end: no block, nor any after it
        } else {
            map(inodeId, storeId, work.blockIndex(), item, changes, mapped);
        }
        inode.setSize(Math.max(inode.getSize(), item.writtenEnd()));
        long modified = engine.modifications().modifiedNanos(inodeId);
        if (modified > inode.getMtimeNanos()) {
            inode.modified(modified);
        }
        return () -> {
            engine.index().forget(inodeId, work.blockIndex(), work.highestSequence());
            engine.modifications().stored(inodeId, modified);
        };
    }

    private static void map(long inodeId, long storeId, long index, SealedWork item, MappingChanges changes,
                            List<MappedWork> mapped) {
        changes.map(inodeId, storeId, index, item.hash(), item.length());
        mapped.add(new MappedWork(item, storeId));
    }

    private void countSealed(SealedWork item, boolean put) {
        engine.uploadProgress().sealed(item.length(), put);
    }

    private void releaseJournal() {
        try {
            engine.releaseUploaded();
        } catch (IOException | RuntimeException e) {
            // the records stay and are uploaded again after a restart: wasteful, never wrong
            LOG.log(Level.WARNING, "releasing uploaded journal records failed", e);
        }
    }
}
