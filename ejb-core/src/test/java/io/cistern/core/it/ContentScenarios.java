package io.cistern.core.it;

import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.BOB;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.bytes;
import static io.cistern.core.it.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.ReadResult;
import io.cistern.core.fs.Stability;
import io.cistern.core.fs.WriteResult;
import io.cistern.core.payload.BlockIndex;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.FileBlockRef;
import io.cistern.core.payload.PayloadEngine;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * File contents through the payload service on the real journal, database and filesystem block store: bytes
 * written read back the same before and after upload, holes read as zeros, sizes and times follow unuploaded
 * writes, truncation and deletion release blocks, and permission and type errors are the POSIX ones.
 */
final class ContentScenarios {
    static final int BLOCK = 4 << 20;
    static final int MIB = 1 << 20;

    private final Fixture f;
    private final PayloadService payload;
    private final PayloadEngine engine;
    private final BlockUploader uploader;
    private final BlockIndex blockIndex;
    private final BlockProbe blocks;

    ContentScenarios(Fixture fixture, PayloadService payload, PayloadEngine engine, BlockUploader uploader,
                     BlockIndex blockIndex, BlockProbe blocks) {
        this.f = fixture;
        this.payload = payload;
        this.engine = engine;
        this.uploader = uploader;
        this.blockIndex = blockIndex;
        this.blocks = blocks;
    }

    FileHandle newFile(String name, int mode) {
        return f.fs.create(ALICE, f.dir, bytes(name), mode, CreateMode.UNCHECKED, 0).node().handle();
    }

    static byte[] random(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    byte[] readAll(FileHandle file) {
        long size = f.fs.getattr(file).size();
        byte[] all = new byte[(int) size];
        for (int at = 0; at < size; ) {
            ReadResult read = payload.read(ALICE, file, at, MIB);
            System.arraycopy(read.data(), 0, all, at, read.data().length);
            at += read.data().length;
            assertEquals(at >= size, read.eof(), "eof at " + at);
        }
        return all;
    }

    /** A write spanning two blocks and one past a hole: read back before and after upload, byte for byte. */
    void writesReadBackBeforeAndAfterUpload() {
        FileHandle file = newFile("roundtrip", 0644);
        byte[] first = random(1, 3 * MIB);
        byte[] second = random(2, 100_000);
        long secondAt = 3L * BLOCK + 12345;   // leaves a hole from 3 MiB to here
        WriteResult written = payload.write(ALICE, file, BLOCK - MIB, ByteBuffer.wrap(first), Stability.UNSTABLE);
        assertEquals(first.length, written.count());
        assertEquals(0, written.before().size());
        assertEquals(BLOCK - MIB + first.length, written.after().size(), "the size follows an unuploaded write");
        payload.write(ALICE, file, secondAt, ByteBuffer.wrap(second), Stability.FILE_SYNC);

        byte[] expected = new byte[(int) (secondAt + second.length)];
        System.arraycopy(first, 0, expected, BLOCK - MIB, first.length);
        System.arraycopy(second, 0, expected, (int) secondAt, second.length);
        assertEquals(expected.length, f.fs.getattr(file).size());
        assertArrayEquals(expected, readAll(file), "from the journal");

        uploader.drain();
        assertTrue(engine.index().sizeOverlay(file.inodeId()).equals(io.cistern.core.payload.SizeOverlay.NONE));
        List<FileBlockRef> mapped = blockIndex.blocksOf(file.inodeId(), 0, 10);
        assertEquals(List.of(0L, 1L, 3L), mapped.stream().map(FileBlockRef::index).toList(), "block 2 is a hole");
        assertEquals(expected.length, f.fs.getattr(file).size(), "the size is stored with the blocks");
        for (FileBlockRef ref : mapped) {
            engine.cache().invalidate(ref.hash());   // read from the store itself
        }
        assertArrayEquals(expected, readAll(file), "from the block store");
    }

    /** Reads never go past the end, and a read at or after it is empty with eof. */
    void readsStopAtTheEnd() {
        FileHandle file = newFile("short", 0644);
        payload.write(ALICE, file, 0, ByteBuffer.wrap(random(3, 1000)), Stability.UNSTABLE);
        ReadResult tail = payload.read(ALICE, file, 900, 500);
        assertEquals(100, tail.data().length);
        assertTrue(tail.eof());
        ReadResult past = payload.read(ALICE, file, 5000, 10);
        assertEquals(0, past.data().length);
        assertTrue(past.eof());
        assertFalse(payload.read(ALICE, file, 0, 10).eof());
    }

    /** Shrinking drops the data beyond; growing again reads zeros there, before and after upload. */
    void truncationCutsAndGrowsWithZeros() {
        FileHandle file = newFile("truncated", 0644);
        byte[] data = random(4, 2 * BLOCK);
        payload.write(ALICE, file, 0, ByteBuffer.wrap(data), Stability.UNSTABLE);
        uploader.drain();
        payload.write(ALICE, file, BLOCK, ByteBuffer.wrap(random(5, MIB)), Stability.UNSTABLE);
        f.fs.setattr(ALICE, file, AttributeChanges.none().withSize(1000), null);
        assertEquals(1000, f.fs.getattr(file).size());
        f.fs.setattr(ALICE, file, AttributeChanges.none().withSize(BLOCK + 10), null);
        byte[] expected = new byte[BLOCK + 10];
        System.arraycopy(data, 0, expected, 0, 1000);
        assertArrayEquals(expected, readAll(file), "before upload");
        uploader.drain();
        assertEquals(BLOCK + 10, f.fs.getattr(file).size());
        assertEquals(List.of(0L), blockIndex.blocksOf(file.inodeId(), 0, 10).stream().map(FileBlockRef::index).toList());
        assertArrayEquals(expected, readAll(file), "after upload");
    }

    /**
     * A SETATTR to the size a file already has (an open with O_TRUNC of a new file) changes nothing, as truncate(2)
     * on Linux: no journal record, no journal sync, no new times; a caller who may not write is still refused. With
     * unuploaded writes it is journaled as ever.
     */
    void truncationToTheSameSizeSkipsTheJournal() throws InterruptedException {
        FileHandle file = newFile("o-trunc", 0644);
        Attributes created = f.fs.getattr(file);
        long before = engine.journalStats().lastSequence();
        Thread.sleep(5);
        Attributes after = f.fs.setattr(ALICE, file, AttributeChanges.none().withSize(0), null);
        assertEquals(before, engine.journalStats().lastSequence(), "nothing journaled for a size the file has");
        assertEquals(0, after.size());
        assertEquals(created.mtime(), f.fs.getattr(file).mtime(), "no new mtime when the size stays");
        assertEquals(created.ctime(), f.fs.getattr(file).ctime(), "nor a new ctime");
        // the checks of a truncation still apply
        expect(FsError.ACCESS, () -> f.fs.setattr(BOB, file, AttributeChanges.none().withSize(0), null));

        payload.write(ALICE, file, 0, ByteBuffer.wrap(random(9, 100)), Stability.UNSTABLE);
        long written = engine.journalStats().lastSequence();
        f.fs.setattr(ALICE, file, AttributeChanges.none().withSize(100), null);
        assertTrue(engine.journalStats().lastSequence() > written, "unuploaded writes: the truncation is journaled");
        assertTrue(engine.journalStats().durableSequence() > written, "and synced, with the writes before it");
        assertEquals(100, f.fs.getattr(file).size());
        assertEquals(100, readAll(file).length);
    }

    /** Deleting a file releases its blocks and forgets its unuploaded writes. */
    void deletionReleasesBlocks() {
        FileHandle file = newFile("doomed", 0644);
        payload.write(ALICE, file, 0, ByteBuffer.wrap(random(6, BLOCK + 5)), Stability.UNSTABLE);
        uploader.drain();
        List<FileBlockRef> mapped = blockIndex.blocksOf(file.inodeId(), 0, 10);
        assertEquals(2, mapped.size());
        payload.write(ALICE, file, 0, ByteBuffer.wrap(random(7, 100)), Stability.UNSTABLE);
        f.fs.remove(ALICE, f.dir, bytes("doomed"));
        for (FileBlockRef ref : mapped) {
            assertEquals(0, blocks.refcount(ref.hash()), "released: " + ref);
        }
        assertFalse(engine.index().inodeIds().contains(file.inodeId()), "its unuploaded write is forgotten");
        uploader.drain();
        assertEquals(List.of(), blockIndex.blocksOf(file.inodeId(), 0, 10));
    }

    /**
     * A settled block waits while clients are being answered, and is taken once they pause; a file deleted while
     * it waits is never uploaded.
     */
    void theUploadWaitsForClientsAtWork() throws InterruptedException {
        uploader.drain();   // an empty journal: far from half full, and nothing of other scenarios listed
        FileHandle kept = newFile("paced", 0644);
        FileHandle temporary = newFile("paced.tmp", 0644);
        payload.write(ALICE, kept, 0, ByteBuffer.wrap(random(30, 4096)), Stability.UNSTABLE);
        payload.write(ALICE, temporary, 0, ByteBuffer.wrap(random(31, 4096)), Stability.UNSTABLE);
        long busyUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < busyUntil) {   // twice the settling time of an idle server
            engine.lastClientRequest().noteAnswered();
            assertFalse(listed(kept), "a block listed while clients are at work");
            Thread.sleep(50);
        }
        f.fs.remove(ALICE, f.dir, bytes("paced.tmp"));
        Thread.sleep(300);   // a pause
        assertTrue(listed(kept), "the settled block is listed once the clients pause");
        assertFalse(listed(temporary), "the deleted file's write is gone, not uploaded");
        uploader.drain();
        assertEquals(1, blockIndex.blocksOf(kept.inodeId(), 0, 10).size());
        assertEquals(List.of(), blockIndex.blocksOf(temporary.inodeId(), 0, 10));
    }

    /** Writes of a file deleted before their upload free their journal space without one. */
    void aDeletedFilesWritesFreeTheJournalWithoutAnUpload() {
        uploader.drain();
        FileHandle file = newFile("discarded", 0644);
        payload.write(ALICE, file, 0, ByteBuffer.wrap(random(32, 4096)), Stability.UNSTABLE);
        assertTrue(engine.journalStats().usedBytes() > 4096, "the write is in the journal");
        f.fs.remove(ALICE, f.dir, bytes("discarded"));
        assertFalse(uploader.hasUnuploadedWrites(), "nothing left to upload");

        uploader.releaseDiscarded();
        assertEquals(0, engine.journalStats().usedBytes(), "the journal is empty again");
    }

    private boolean listed(FileHandle file) {
        return uploader.pendingWork(Integer.MAX_VALUE).stream().anyMatch(work -> work.inodeId() == file.inodeId());
    }

    /** Unstable writes get the run's verifier; a commit makes them durable; mtime moves with a write. */
    void verifierCommitAndTimes() throws InterruptedException {
        FileHandle file = newFile("timed", 0644);
        Attributes created = f.fs.getattr(file);
        Thread.sleep(5);
        WriteResult written = payload.write(ALICE, file, 0, ByteBuffer.wrap(random(8, 10)), Stability.UNSTABLE);
        assertEquals(engine.writeVerifier(), written.verifier());
        assertTrue(written.after().mtime() > created.mtime(), "mtime moved without a database write");
        long lastSequence = engine.journalStats().lastSequence();
        assertEquals(engine.writeVerifier(), payload.commit(ALICE, file).verifier());
        assertTrue(engine.journalStats().durableSequence() >= lastSequence, "COMMIT made the write durable");
        long mtime = f.fs.getattr(file).mtime();
        uploader.drain();
        assertEquals(mtime, f.fs.getattr(file).mtime(), "the upload stores the write's time, not its own");
    }

    /** Who may read and write, and what has no contents. */
    void permissionsAndTypes() {
        FileHandle file = newFile("private", 0600);
        payload.write(ALICE, file, 0, ByteBuffer.wrap(random(9, 10)), Stability.UNSTABLE);
        expect(FsError.ACCESS, () -> payload.read(BOB, file, 0, 10));
        expect(FsError.ACCESS, () -> payload.write(BOB, file, 0, ByteBuffer.wrap(new byte[1]), Stability.UNSTABLE));
        assertEquals(10, payload.read(ROOT, file, 0, 10).data().length);
        f.fs.setattr(ALICE, file, AttributeChanges.none().withMode(0400), null);
        assertEquals(1, payload.write(ALICE, file, 0, ByteBuffer.wrap(new byte[1]), Stability.UNSTABLE).count(),
                "the owner may write a file it made read-only (knfsd's owner override)");
        expect(FsError.IS_DIRECTORY, () -> payload.read(ALICE, f.dir, 0, 10));
        expect(FsError.TOO_BIG, () -> payload.write(ALICE, file, -1, ByteBuffer.wrap(new byte[1]), Stability.UNSTABLE));
        expect(FsError.TOO_BIG, () -> payload.write(ALICE, file, Long.MAX_VALUE - 1, ByteBuffer.wrap(new byte[3]),
                Stability.UNSTABLE));
        assertTrue(payload.read(ALICE, file, -5, 10).eof(), "a read at 2^63 or beyond is empty, at the end");
    }

    /** A non-root write clears set-user-ID, as Linux does. */
    void writeClearsSetUserId() {
        FileHandle file = newFile("setuid", 0755);
        f.fs.setattr(ALICE, file, AttributeChanges.none().withMode(04755), null);
        WriteResult written = payload.write(ALICE, file, 0, ByteBuffer.wrap(new byte[1]), Stability.UNSTABLE);
        assertEquals(0755, written.after().mode());
    }

    /** A server-side copy within and across files, including an overlapping one. */
    void copyWithinAndAcrossFiles() {
        FileHandle source = newFile("copy-source", 0644);
        FileHandle target = newFile("copy-target", 0644);
        byte[] data = random(10, 3 * MIB);
        payload.write(ALICE, source, 0, ByteBuffer.wrap(data), Stability.UNSTABLE);
        assertEquals(data.length, payload.copy(ALICE, source, 0, target, 0, 10L * MIB), "stops at the source's end");
        assertArrayEquals(data, readAll(target));
        payload.copy(ALICE, source, 0, source, MIB, 2L * MIB);   // overlapping, forwards in the file
        byte[] expected = Arrays.copyOf(data, data.length);
        System.arraycopy(data, 0, expected, MIB, 2 * MIB);
        assertArrayEquals(expected, readAll(source));
    }

    /** Two files with the same data share their blocks: stored once, counted twice. */
    void identicalFilesShareBlocks() {
        FileHandle a = newFile("twin-a", 0644);
        FileHandle b = newFile("twin-b", 0644);
        byte[] data = random(11, BLOCK + 3);
        payload.write(ALICE, a, 0, ByteBuffer.wrap(data), Stability.UNSTABLE);
        payload.write(ALICE, b, 0, ByteBuffer.wrap(data), Stability.UNSTABLE);
        uploader.drain();
        List<FileBlockRef> ofA = blockIndex.blocksOf(a.inodeId(), 0, 10);
        assertEquals(ofA, blockIndex.blocksOf(b.inodeId(), 0, 10));
        for (FileBlockRef ref : ofA) {
            assertEquals(2, blocks.refcount(ref.hash()));
            assertTrue(engine.store().exists(ref.hash()));
        }
        assertNotEquals(ofA.get(0).hash(), ofA.get(1).hash());
        assertEquals(BlockHash.of(Arrays.copyOfRange(data, BLOCK, BLOCK + 3)), ofA.get(1).hash(),
                "the last block is stored as long as the file uses it");
    }
}
