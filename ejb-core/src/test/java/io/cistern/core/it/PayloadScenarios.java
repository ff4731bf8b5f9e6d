package io.cistern.core.it;

import static io.cistern.core.it.Fixture.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.payload.BlockIndex;
import io.cistern.core.payload.FileBlockRef;
import io.cistern.core.payload.ShareUsage;
import io.cistern.core.payload.StorageStatistics;
import io.cistern.core.payload.StoredHash;
import io.cistern.core.payload.StoreUsage;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.transaction.UserTransaction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;

/**
 * The dedup index and the space statistics on the real database: counts that follow every mapping, replace,
 * truncation and deletion; many references of one hash at once; and the numbers a share and the store report.
 * Hashes are synthetic (a per-scenario random prefix and a number): the index never looks at bytes.
 */
final class PayloadScenarios {
    static final int BLOCK = 4 << 20;
    static final long MIB = 1L << 20;
    static final int THREADS = 8;

    private final Fixture f;
    private final BlockIndex index;
    private final StorageStatistics statistics;
    private final BlockProbe blocks;
    private final long prefix = UUID.randomUUID().getMostSignificantBits();

    PayloadScenarios(Fixture fixture, BlockIndex index, StorageStatistics statistics, BlockProbe blocks) {
        this.f = fixture;
        this.index = index;
        this.statistics = statistics;
        this.blocks = blocks;
    }

    /** A hash no other scenario uses. */
    BlockHash hash(long n) {
        return new BlockHash(ByteBuffer.allocate(BlockHash.LENGTH).putLong(prefix).putLong(n).array());
    }

    /** Mapping references, remapping a piece releases its old block, truncation and deletion release the rest. */
    void mappingsKeepTheCountsExact() {
        long file = f.file(ROOT, "counted").inodeId();
        BlockHash a = hash(1);
        BlockHash b = hash(2);
        BlockHash c = hash(3);

        assertTrue(index.mapBlock(file, 0, a, BLOCK), "a first mapping makes the block");
        assertTrue(index.mapBlock(file, 1, b, BLOCK));
        assertFalse(index.mapBlock(file, 2, a, BLOCK), "a known block is not new");
        index.mapBlock(file, 5, c, 1000);
        assertCounts(a, 2, b, 1, c, 1);

        index.mapBlock(file, 0, c, BLOCK);
        assertCounts(a, 1, b, 1, c, 2);
        index.mapBlock(file, 1, b, BLOCK);
        assertCounts(a, 1, b, 1, c, 2);

        assertEquals(List.of(new FileBlockRef(0, c, BLOCK), new FileBlockRef(1, b, BLOCK),
                new FileBlockRef(2, a, BLOCK), new FileBlockRef(5, c, 1000)), index.blocksOf(file, 0, 100));
        assertEquals(List.of(new FileBlockRef(1, b, BLOCK)), index.blocksOf(file, 1, 1));
        assertEquals(List.of(), index.blocksOf(file, 3, 2), "holes have no pieces");

        index.unmapFrom(file, 2);
        assertCounts(a, 0, b, 1, c, 1);
        assertTrue(blocks.hasLastReferenced(a), "a block at 0 keeps its row for the collector");
        assertEquals(List.of(new FileBlockRef(0, c, BLOCK), new FileBlockRef(1, b, BLOCK)),
                index.blocksOf(file, 0, 100));

        index.unmapAll(file);
        assertCounts(a, 0, b, 0, c, 0);
        assertEquals(List.of(), index.blocksOf(file, 0, 100));

        assertTrue(index.mapBlock(file, 0, hash(4), BLOCK));
        assertFalse(index.mapBlock(file, 1, a, BLOCK), "a block at 0 is still stored, so not new");
        assertEquals(1, blocks.refcount(a));
    }

    /**
     * The deployed schema keys file_block by (inode_id, block_index), as SchemaMigrations puts it at start: EclipseLink
     * alone makes it (block_index, inode_id), and every read, upload and removal, asking by file, then scans the table.
     */
    void fileMapIsKeyedByFileThenPiece() {
        assertEquals(List.of("inode_id", "block_index"), blocks.primaryKey("file_block"));
        assertEquals(List.of("store_id", "hash"), blocks.primaryKey("block"));
    }

    /** A count that drifted below the truth stops at 0 when the mappings go. */
    void countsNeverGoBelowZero() {
        long file = f.file(ROOT, "drifted").inodeId();
        BlockHash a = hash(10);
        BlockHash b = hash(11);
        index.mapBlock(file, 0, a, BLOCK);
        index.mapBlock(file, 1, a, BLOCK);
        index.mapBlock(file, 2, b, BLOCK);
        blocks.setRefcount(a, 1);
        blocks.setRefcount(b, 0);

        index.mapBlock(file, 2, a, BLOCK);
        assertEquals(0, blocks.refcount(b));
        index.unmapAll(file);
        assertEquals(0, blocks.refcount(a));
        assertEquals(0, blocks.refcount(b));
    }

    /** The mapping and its counts are in the caller's transaction: a rollback takes both back. */
    void aRolledBackMappingChangesNoCount() throws Exception {
        long file = f.file(ROOT, "rolled-back").inodeId();
        BlockHash a = hash(20);
        BlockHash b = hash(21);
        index.mapBlock(file, 0, a, BLOCK);

        UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
        transaction.begin();
        try {
            index.mapBlock(file, 0, b, BLOCK);
            index.mapBlock(file, 1, b, BLOCK);
            assertEquals(2, blocks.refcount(b), "the transaction sees its own counts");
        } finally {
            transaction.rollback();
        }
        assertEquals(1, blocks.refcount(a));
        assertEquals(-1, blocks.refcount(b), "the block made in the rolled-back transaction is gone");
        assertEquals(List.of(new FileBlockRef(0, a, BLOCK)), index.blocksOf(file, 0, 10));
    }

    /** 8 threads reference one new hash at once, each in its own transaction: one makes it, all are counted. */
    void concurrentReferencesCountEveryOneAndMakeTheBlockOnce() throws Exception {
        BlockHash shared = hash(30);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            tasks.add(() -> {
                start.await();
                return index.reference(new StoredHash(BlockStoreRow.DEFAULT_ID, shared), BLOCK);
            });
        }
        ManagedThreadFactory threads = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> task : tasks) {
                results.add(pool.submit(task));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> result : results) {
                if (result.get(60, TimeUnit.SECONDS)) {
                    created++;
                }
            }
            assertEquals(1, created, "exactly one reference makes the block");
            assertEquals(THREADS, blocks.refcount(shared));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Two files of the same 64 blocks of 4 MiB: 512 MiB logical, 256 MiB unique, ratio 2. A third block in one
     * of them moves all three; deleting the files leaves their blocks at 0, which the store no longer counts.
     */
    void statisticsCountLogicalUniqueAndPhysicalBytes(FileSystemProbe probe) {
        String shareName = "payload-" + System.nanoTime();
        probe.createShare(shareName);
        try {
            FileHandle top = f.fs.root(shareName);
            long shareId = top.shareId();
            assertEquals(new ShareUsage(0, 0, 1.0, 0), statistics.usage(shareId), "an empty share");
            StoreUsage before = statistics.storeUsage();

            long first = file(top, "first").inodeId();
            long second = file(top, "second").inodeId();
            for (int i = 0; i < 64; i++) {
                index.mapBlock(first, i, hash(100 + i), BLOCK);
                index.mapBlock(second, i, hash(100 + i), BLOCK);
            }
            assertEquals(new ShareUsage(512 * MIB, 256 * MIB, 2.0, 2), statistics.usage(shareId));
            assertEquals(new StoreUsage(before.physicalBytes() + 256 * MIB, before.blockCount() + 64),
                    statistics.storeUsage());

            index.mapBlock(second, 64, hash(200), BLOCK);
            assertEquals(new ShareUsage(516 * MIB, 260 * MIB, 516.0 / 260.0, 2), statistics.usage(shareId));
            assertEquals(new StoreUsage(before.physicalBytes() + 260 * MIB, before.blockCount() + 65),
                    statistics.storeUsage());

            index.unmapAll(second);
            assertEquals(new ShareUsage(256 * MIB, 256 * MIB, 1.0, 2), statistics.usage(shareId));
            assertEquals(new StoreUsage(before.physicalBytes() + 256 * MIB, before.blockCount() + 64),
                    statistics.storeUsage(), "blocks at refcount 0 are not physical space");
            assertEquals(0, blocks.refcount(hash(200)));

            index.unmapAll(first);
            assertEquals(before, statistics.storeUsage());
            assertEquals(0, blocks.refcount(hash(100)), "the rows stay, at 0, for the collector");
        } finally {
            probe.dropShare(shareName);
        }
    }

    private Attributes file(FileHandle directory, String name) {
        return f.fs.create(ROOT, directory, Fixture.bytes(name), 0644, CreateMode.GUARDED, 0).node();
    }

    private void assertCounts(BlockHash a, long countA, BlockHash b, long countB, BlockHash c, long countC) {
        assertEquals(List.of(countA, countB, countC), List.of(blocks.refcount(a), blocks.refcount(b),
                blocks.refcount(c)), "refcounts of a, b, c");
        assertEquals(List.of(countA, countB, countC), List.of(blocks.mappings(a), blocks.mappings(b),
                blocks.mappings(c)), "each refcount is the number of pieces naming the block");
    }
}
