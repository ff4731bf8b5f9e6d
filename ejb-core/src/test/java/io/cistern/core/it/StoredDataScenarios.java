package io.cistern.core.it;

import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.bytes;
import static io.cistern.core.it.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.config.CisternSettings;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.Stability;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.payload.BlockIndex;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.FileBlockRef;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.payload.ShareUsage;
import io.cistern.core.payload.StorageStatistics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The data at rest in the filesystem block store: the dedup statistics of the issue (the same 256 MiB in two files
 * gives unique 256 MiB and a ratio of 2.0), and a block damaged on disk (that file's reads fail with an I/O error,
 * logged and counted with the block's hash; other files read fine).
 */
final class StoredDataScenarios {
    private static final int MIB = 1 << 20;

    private final MetadataService fs;
    private final FileSystemProbe probe;
    private final PayloadService payload;
    private final PayloadEngine engine;
    private final BlockUploader uploader;
    private final BlockIndex blockIndex;
    private final StorageStatistics statistics;

    StoredDataScenarios(MetadataService fs, FileSystemProbe probe, PayloadService payload, PayloadEngine engine,
                        BlockUploader uploader, BlockIndex blockIndex, StorageStatistics statistics) {
        this.fs = fs;
        this.probe = probe;
        this.payload = payload;
        this.engine = engine;
        this.uploader = uploader;
        this.blockIndex = blockIndex;
        this.statistics = statistics;
    }

    /** 256 MiB of random data, written 1 MiB at a time into two files of a share of their own. */
    void theSameDataTwiceIsStoredOnce(String shareName) throws NoSuchAlgorithmException {
        probe.createShare(shareName);
        try {
            FileHandle top = fs.root(shareName);
            long shareId = fs.getattr(top).shareId();
            byte[] firstDigest = null;
            for (String name : List.of("a.bin", "b.bin")) {
                FileHandle file = fs.create(ROOT, top, bytes(name), 0644, CreateMode.UNCHECKED, 0).node().handle();
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                Random random = new Random(256);
                byte[] chunk = new byte[MIB];
                for (int i = 0; i < 256; i++) {
                    random.nextBytes(chunk);
                    digest.update(chunk);
                    payload.write(ROOT, file, (long) i * MIB, ByteBuffer.wrap(chunk), Stability.UNSTABLE);
                }
                uploader.drain();   // the journal holds 1 GiB by default; one file at a time stays well inside
                firstDigest = firstDigest == null ? digest.digest() : firstDigest;
                assertArrayEquals(firstDigest, sha256Of(file, 256L * MIB), name + " reads back");
            }
            ShareUsage usage = statistics.usage(shareId);
            assertEquals(512L * MIB, usage.logicalBytes());
            assertEquals(256L * MIB, usage.uniqueBytes());
            assertEquals(2.0, usage.dedupRatio(), 1e-9);
            assertEquals(2, usage.fileCount());
        } finally {
            probe.dropShare(shareName);
        }
    }

    /** One block damaged on disk: its file fails with EIO, logged and counted by hash; others are unharmed. */
    void aDamagedBlockIsAnIoErrorNotWrongData(Fixture f) throws IOException {
        FileHandle damaged = fs.create(ALICE, f.dir, bytes("damaged"), 0644, CreateMode.UNCHECKED, 0).node().handle();
        FileHandle healthy = fs.create(ALICE, f.dir, bytes("healthy"), 0644, CreateMode.UNCHECKED, 0).node().handle();
        byte[] data = new byte[2 * MIB];
        new Random(99).nextBytes(data);
        payload.write(ALICE, damaged, 0, ByteBuffer.wrap(data), Stability.UNSTABLE);
        data[0] ^= 1;   // a different block for the healthy file
        payload.write(ALICE, healthy, 0, ByteBuffer.wrap(data), Stability.UNSTABLE);
        uploader.drain();

        BlockHash hash = blockIndex.blocksOf(damaged.inodeId(), 0, 1).get(0).hash();
        flipOneByte(CisternSettings.dataDirectory().resolve("blocks").resolve(hash.shardedPath()), 1000);
        engine.cache().invalidate(hash);
        for (FileBlockRef ref : blockIndex.blocksOf(healthy.inodeId(), 0, 1)) {
            engine.cache().invalidate(ref.hash());
        }
        long damagedBefore = engine.damagedBlockReads();
        List<String> logged = new ArrayList<>();
        Handler capture = capture(logged);
        Logger logger = Logger.getLogger("io.cistern.core.payload.StoredBlocks");
        logger.addHandler(capture);
        try {
            expect(FsError.IO, () -> payload.read(ALICE, damaged, 0, MIB));
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(damagedBefore + 1, engine.damagedBlockReads(), "counted");
        assertEquals(1, engine.damagedBlockReadsMetric(hash, io.cistern.core.blocks.BlockStoreException.Kind.CORRUPT),
                "the metric names the block");
        assertTrue(logged.stream().anyMatch(line -> line.contains(hash.hex())), "logged with its hash: " + logged);
        assertArrayEquals(data, payload.read(ALICE, healthy, 0, 2 * MIB).data(), "the other file reads fine");
    }

    private byte[] sha256Of(FileHandle file, long size) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (long at = 0; at < size; at += MIB) {
            digest.update(payload.read(ROOT, file, at, MIB).data());
        }
        return digest.digest();
    }

    private static void flipOneByte(Path file, long at) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            channel.write(one, at);
        }
    }

    private static Handler capture(List<String> into) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                into.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
