package io.cistern.core.blocks;

import static io.cistern.core.blocks.TestBlocks.buffer;
import static io.cistern.core.blocks.TestBlocks.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.blocks.BlockStoreException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlockStoreTest {
    @TempDir
    Path root;
    FilesystemBlockStore store;

    @BeforeEach
    void openStore() {
        store = new FilesystemBlockStore(root);
    }

    @Test
    void roundTripUnderTheShardedLayout() {
        byte[] data = bytes(100_000, 1);
        BlockHash hash = BlockHash.of(data);
        ByteBuffer buffer = buffer(data);

        store.put(hash, buffer);

        assertEquals(0, buffer.position(), "put must not move the caller's buffer");
        assertArrayEquals(data, store.get(hash));
        assertTrue(store.exists(hash));
        String hex = hash.hex();
        assertTrue(Files.isRegularFile(root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex)));
    }

    @Test
    void onlyTheBuffersRemainingBytesAreStored() {
        byte[] framed = bytes(1_000, 8);
        ByteBuffer payload = ByteBuffer.wrap(framed, 100, 800); // position 100, limit 900
        BlockHash hash = BlockHash.of(payload);

        store.put(hash, payload);

        assertArrayEquals(java.util.Arrays.copyOfRange(framed, 100, 900), store.get(hash));
        assertEquals(100, payload.position());
    }

    @Test
    void aFullSizeBlockFitsAndALargerOneIsRefused() {
        byte[] full = bytes(BlockStore.MAX_BLOCK, 2);
        store.put(BlockHash.of(full), buffer(full));
        assertArrayEquals(full, store.get(BlockHash.of(full)));

        byte[] tooLarge = new byte[BlockStore.MAX_BLOCK + 1];
        assertThrows(IllegalArgumentException.class, () -> store.put(BlockHash.of(tooLarge), buffer(tooLarge)));
    }

    @Test
    void aSecondPutLeavesTheExistingFileAlone() throws IOException {
        byte[] data = bytes(5_000, 3);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));
        Path file = store.pathOf(hash);
        Object inode = Files.readAttributes(file, "unix:ino").get("ino");

        store.put(hash, buffer(data));

        assertEquals(inode, Files.readAttributes(file, "unix:ino").get("ino"), "the file was replaced");
        assertArrayEquals(data, store.get(hash));
    }

    @Test
    void concurrentPutsOfTheSameBlockAllSucceed() throws Exception {
        byte[] data = bytes(BlockStore.MAX_BLOCK, 4);
        BlockHash hash = BlockHash.of(data);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> puts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Void> put = () -> {
                    start.await();
                    store.put(hash, buffer(data));
                    return null;
                };
                puts.add(pool.submit(put));
            }
            start.countDown();
            for (Future<Void> put : puts) {
                put.get(); // rethrows any failure
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(data, store.get(hash));
        try (Stream<Path> files = Files.list(store.pathOf(hash).getParent())) {
            assertEquals(List.of(store.pathOf(hash)), files.toList(), "exactly the block, no temp files left");
        }
    }

    @Test
    void rangesAreClippedAtTheEndOfTheBlock() {
        byte[] data = bytes(1_000, 5);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));

        assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 350), store.get(hash, 100, 250));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 900, 1000), store.get(hash, 900, 500));
        assertEquals(0, store.get(hash, 1_000, 10).length);
        assertEquals(0, store.get(hash, 5_000, 10).length);
        assertEquals(0, store.get(hash, 10, 0).length);
        assertThrows(IllegalArgumentException.class, () -> store.get(hash, -1, 10));
        BlockStoreException missing = assertThrows(BlockStoreException.class,
                () -> store.get(BlockHash.of(new byte[] {1}), 0, 10));
        assertEquals(Kind.NOT_FOUND, missing.kind());
    }

    @Test
    void deleteRemovesTheBlockAndToleratesAbsence() {
        byte[] data = bytes(10, 6);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));

        store.delete(hash);
        store.delete(hash);

        assertFalse(store.exists(hash));
        BlockStoreException missing = assertThrows(BlockStoreException.class, () -> store.get(hash));
        assertEquals(Kind.NOT_FOUND, missing.kind());
        assertTrue(missing.getMessage().contains(hash.hex()), missing.getMessage());
    }

    @Test
    void aBlockFileIsItsContentThenAChecksumThatHolds() throws IOException {
        byte[] data = bytes(70_000, 3);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));

        byte[] file = Files.readAllBytes(store.pathOf(hash));
        assertEquals(data.length + BlockFileTrailer.SIZE, file.length);
        assertArrayEquals(data, java.util.Arrays.copyOf(file, data.length), "the content comes first, unchanged");
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(data);
        ByteBuffer trailer = ByteBuffer.wrap(file, data.length, 8).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals((int) crc.getValue(), trailer.getInt(0));
        assertEquals(BlockFileTrailer.MARKER, trailer.getInt(4));

        ChecksummedBlockStore.ChecksummedRead read = store.getChecksummed(hash);
        assertArrayEquals(data, read.block());
        assertEquals(ChecksummedBlockStore.Checksum.HOLDS, read.checksum());
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 69_990, 70_000), store.get(hash, 69_990, 100),
                "a range stops at the end of the content, not of the file");
        assertEquals(0, store.get(hash, 70_000, 8).length);
    }

    @Test
    void aDamagedContentOrChecksumBreaksTheChecksum() throws IOException {
        for (int flipAt : new int[] {0, 35_000, 69_999, 70_000, 70_003}) {   // content first/middle/last, then the CRC
            byte[] data = bytes(70_000, flipAt);
            BlockHash hash = BlockHash.of(data);
            store.put(hash, buffer(data));
            VerifyingBlockStoreTest.flipOneByte(store.pathOf(hash), flipAt);
            assertEquals(ChecksummedBlockStore.Checksum.BROKEN, store.getChecksummed(hash).checksum(), "flip at " + flipAt);
        }
    }

    @Test
    void aFileFromBeforeTrailersReadsAsContentWithoutChecksum() throws IOException {
        for (int size : new int[] {0, 5, 8, 70_000}) {
            byte[] data = bytes(size, 40 + size);
            BlockHash hash = BlockHash.of(data);
            Files.createDirectories(store.pathOf(hash).getParent());
            Files.write(store.pathOf(hash), data);

            ChecksummedBlockStore.ChecksummedRead read = store.getChecksummed(hash);
            assertArrayEquals(data, read.block(), "size " + size);
            assertEquals(ChecksummedBlockStore.Checksum.ABSENT, read.checksum(), "size " + size);
            assertEquals(Math.min(size, 3), store.get(hash, 0, 3).length);
        }
    }

    @Test
    void listReportsEveryBlockWithItsSizeAndSkipsForeignFiles() throws IOException {
        Map<BlockHash, Long> expected = new java.util.HashMap<>();
        for (int size : new int[] {0, 1, 4_096, 70_000}) {
            byte[] data = bytes(size, size);
            store.put(BlockHash.of(data), buffer(data));
            expected.put(BlockHash.of(data), (long) size + BlockFileTrailer.SIZE);   // the file's physical size
        }
        Files.writeString(root.resolve("README"), "not a block");
        Path shard = store.pathOf(BlockHash.of(new byte[0])).getParent();
        Files.writeString(shard.resolve("notes.txt"), "not a block either");
        // a valid-looking name in the wrong directory is not a block of this layout
        Files.writeString(shard.resolve(BlockHash.of(new byte[] {9}).hex()), "misplaced");

        try (Stream<StoredBlock> blocks = store.list()) {
            assertEquals(expected, blocks.collect(Collectors.toMap(StoredBlock::hash, StoredBlock::size)));
        }
    }

    @Test
    void tempFilesAreNeverListedAndStaleOnesAreRemoved() throws IOException {
        byte[] data = bytes(2_000, 7);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));
        Path shard = store.pathOf(hash).getParent();
        Path fresh = Files.writeString(shard.resolve("." + hash.hex() + ".111.tmp"), "half a block");
        Path stale = Files.writeString(shard.resolve("." + hash.hex() + ".222.tmp"), "left by a crash");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(FilesystemBlockStore.STALE_TEMP_AGE).minusSeconds(60)));

        try (Stream<StoredBlock> blocks = store.list()) {
            List<StoredBlock> listed = blocks.toList();
            assertEquals(List.of(hash), listed.stream().map(StoredBlock::hash).toList());
            assertEquals(data.length + BlockFileTrailer.SIZE, listed.get(0).size());
            assertEquals(Files.getLastModifiedTime(store.pathOf(hash)).toInstant(), listed.get(0).modified());
        }
        assertFalse(Files.exists(stale), "list removes stale temp files");
        assertTrue(Files.exists(fresh), "a temp file of a put in progress stays");

        Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().minus(FilesystemBlockStore.STALE_TEMP_AGE).minusSeconds(1)));
        assertEquals(1, store.removeStaleTempFiles());
        assertFalse(Files.exists(fresh));
    }

    /** The mapping of errno texts, independent of any file system that can be filled here. */
    @Test
    void outOfSpaceErrorsBecomeNoSpace() {
        BlockHash hash = BlockHash.of(new byte[] {1});
        BlockStoreException full = store.failure("write", hash,
                new FileSystemException(root.resolve("x").toString(), null, "No space left on device"));
        assertEquals(Kind.NO_SPACE, full.kind());
        assertTrue(full.getMessage().startsWith("no space left on device"), full.getMessage());
        assertTrue(full.getMessage().contains(hash.hex()), full.getMessage());

        assertEquals(Kind.NO_SPACE, store.failure("write", hash, new IOException("Disk quota exceeded")).kind());
        assertEquals(Kind.IO, store.failure("write", hash, new IOException("Input/output error")).kind());
    }
}
