package io.cistern.core.blocks;

import static io.cistern.core.blocks.TestBlocks.buffer;
import static io.cistern.core.blocks.TestBlocks.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.blocks.BlockStoreException.Kind;
import io.cistern.core.testing.CapturedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyingBlockStoreTest {
    @TempDir
    Path root;
    private CapturedLog log;

    @BeforeEach
    void captureWarnings() {
        log = CapturedLog.of(VerifyingBlockStore.class);
    }

    @AfterEach
    void releaseWarnings() {
        log.close();
    }

    @Test
    void aFullBlockIsHashedPieceByPieceAndADamagedLastPieceIsCaught() throws IOException {
        FilesystemBlockStore disk = new FilesystemBlockStore(root);
        VerifyingBlockStore store = new VerifyingBlockStore(disk);
        byte[] data = bytes(BlockStore.MAX_BLOCK, 23);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));
        assertArrayEquals(data, store.get(hash), "read in pieces, whole and verified");
        flipOneByte(disk.pathOf(hash), BlockStore.MAX_BLOCK - 1);
        assertEquals(Kind.CORRUPT, assertThrows(BlockStoreException.class, () -> store.get(hash)).kind());
    }

    @Test
    void aFlippedByteOnDiskIsCorruptLoggedAndCounted() throws IOException {
        FilesystemBlockStore disk = new FilesystemBlockStore(root);
        VerifyingBlockStore store = new VerifyingBlockStore(disk);
        byte[] damagedData = bytes(64 * 1024, 21);
        byte[] healthyData = bytes(64 * 1024, 22);
        BlockHash damaged = BlockHash.of(damagedData);
        BlockHash healthy = BlockHash.of(healthyData);
        store.put(damaged, buffer(damagedData));
        store.put(healthy, buffer(healthyData));
        flipOneByte(disk.pathOf(damaged), 12_345);

        BlockStoreException corrupt = assertThrows(BlockStoreException.class, () -> store.get(damaged));

        assertEquals(Kind.CORRUPT, corrupt.kind());
        assertTrue(corrupt.getMessage().contains(damaged.hex()), corrupt.getMessage());
        assertEquals(1, store.corruptBlocks());
        List<LogRecord> warnings = log.atLeast(Level.WARNING);
        assertEquals(1, warnings.size());
        String warning = new java.util.logging.SimpleFormatter().formatMessage(warnings.get(0));
        assertTrue(warning.contains(damaged.hex()) && warning.contains(disk.describe()), warning);

        assertArrayEquals(healthyData, store.get(healthy));
        assertArrayEquals(Arrays.copyOfRange(healthyData, 10, 20), store.get(healthy, 10, 10));
        assertEquals(1, store.corruptBlocks(), "healthy blocks are not counted");
    }

    @Test
    void aRangeIsServedOnlyFromAVerifiedWholeBlock() throws IOException {
        FilesystemBlockStore disk = new FilesystemBlockStore(root);
        VerifyingBlockStore store = new VerifyingBlockStore(disk);
        byte[] data = bytes(10_000, 23);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));
        flipOneByte(disk.pathOf(hash), 9_000);

        // the range itself is intact, but the block is not: the range is refused too
        BlockStoreException corrupt = assertThrows(BlockStoreException.class, () -> store.get(hash, 0, 100));

        assertEquals(Kind.CORRUPT, corrupt.kind());
        assertEquals(1, store.corruptBlocks());
    }

    @Test
    void aBlockWhoseChecksumHoldsIsNotHashedAndOneWithoutIsHashed() throws IOException {
        FilesystemBlockStore disk = new FilesystemBlockStore(root);
        VerifyingBlockStore store = new VerifyingBlockStore(disk);
        byte[] data = bytes(20_000, 31);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));
        assertArrayEquals(data, store.get(hash));

        // the same bytes under another address: the checksum holds, so the address is not checked. That is the
        // point of the checksum; a wrong address cannot arise here, as only this store names its files by content.
        BlockHash elsewhere = BlockHash.of(new byte[] {1});
        Files.createDirectories(disk.pathOf(elsewhere).getParent());
        Files.copy(disk.pathOf(hash), disk.pathOf(elsewhere));
        assertArrayEquals(data, store.get(elsewhere));

        // without a checksum (a file from before trailers) the address is checked, and a mismatch is corrupt
        Files.write(disk.pathOf(elsewhere), data);
        assertEquals(Kind.CORRUPT, assertThrows(BlockStoreException.class, () -> store.get(elsewhere)).kind());
        Files.write(disk.pathOf(hash), data);
        assertArrayEquals(data, store.get(hash), "a legacy file that matches its address is served");
        assertEquals(1, store.corruptBlocks());
    }

    @Test
    void aDamagedChecksumOverIntactContentIsServedAndReported() throws IOException {
        FilesystemBlockStore disk = new FilesystemBlockStore(root);
        VerifyingBlockStore store = new VerifyingBlockStore(disk);
        byte[] data = bytes(10_000, 33);
        BlockHash hash = BlockHash.of(data);
        store.put(hash, buffer(data));
        flipOneByte(disk.pathOf(hash), 10_001);   // inside the CRC, not the content

        assertArrayEquals(data, store.get(hash));

        assertEquals(1, store.brokenChecksums());
        assertEquals(0, store.corruptBlocks());
        List<LogRecord> warnings = log.atLeast(Level.WARNING);
        assertEquals(1, warnings.size());
        assertTrue(new java.util.logging.SimpleFormatter().formatMessage(warnings.get(0)).contains(hash.hex()));
    }

    @Test
    void missingBlocksStayNotFound() {
        VerifyingBlockStore store = new VerifyingBlockStore(new FilesystemBlockStore(root));
        BlockStoreException missing = assertThrows(BlockStoreException.class, () -> store.get(BlockHash.of(new byte[] {7})));
        assertEquals(Kind.NOT_FOUND, missing.kind());
        assertEquals(0, store.corruptBlocks());
    }

    static void flipOneByte(Path file, int offset) throws IOException {
        byte[] content = Files.readAllBytes(file);
        content[offset] ^= 0x01;
        Files.write(file, content); // in place: the block keeps its name, as rot on a disk would
    }
}
