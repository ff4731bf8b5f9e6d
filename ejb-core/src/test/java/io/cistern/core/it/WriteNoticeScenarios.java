package io.cistern.core.it;

import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.content.PayloadService;
import io.cistern.core.content.WriteAnnouncements;
import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.Stability;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.watch.ChangeAspects;
import io.cistern.core.watch.DirectoryWatches;
import io.cistern.core.watch.EntryChange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes told to the watchers of the written file's directories as they are journaled (the payload's
 * {@code WrittenFiles}), on the real journal, database and hub: MODIFIED under every name the file has, with the
 * size only when the write moved the end; the upload of those writes tells nobody again; a truncation is told by the
 * attribute update itself; a stream of writes is told about once a second; and a write while nobody watches leaves
 * nothing behind.
 */
final class WriteNoticeScenarios {
    /** Far more than an announcement takes (one short transaction), far less than a test's patience. */
    private static final long WAIT_SECONDS = 5;
    private static final int BOTH = ChangeAspects.SIZE | ChangeAspects.LAST_WRITE;

    private final Fixture f;
    private final PayloadService payload;
    private final BlockUploader uploader;
    private final WriteAnnouncements announcements;
    private final DirectoryWatches hub = DirectoryWatches.hub();

    WriteNoticeScenarios(Fixture fixture, PayloadService payload, BlockUploader uploader,
                         WriteAnnouncements announcements) {
        this.f = fixture;
        this.payload = payload;
        this.uploader = uploader;
        this.announcements = announcements;
    }

    private record Told(long directoryId, EntryChange change) {
    }

    /** A write to a file with two names, in two watched directories: each watch hears of it under its own name. */
    void aWriteIsToldUnderEveryNameAndItsUploadTellsNothingMore() throws InterruptedException {
        FileHandle file = f.fs.create(ALICE, f.dir, bytes("written.bin"), 0644, CreateMode.UNCHECKED, 0).node()
                .handle();
        FileHandle other = f.fs.mkdir(ROOT, f.dir, bytes("other"), 0777).node().handle();
        f.fs.link(ALICE, file, other, bytes("second-name.bin"));
        BlockingQueue<Told> told = new LinkedBlockingQueue<>();
        hub.watch("first", file.shareId(), f.dir.inodeId(), false, changes -> changes.forEach(
                c -> told.add(new Told(f.dir.inodeId(), c))));
        hub.watch("second", file.shareId(), other.inodeId(), false, changes -> changes.forEach(
                c -> told.add(new Told(other.inodeId(), c))));
        try {
            payload.write(ALICE, file, 0, ByteBuffer.wrap(new byte[4096]), Stability.UNSTABLE);
            assertEquals(List.of(new Told(f.dir.inodeId(), modified("written.bin", BOTH)),
                    new Told(other.inodeId(), modified("second-name.bin", BOTH))), twoTold(told));

            payload.write(ALICE, file, 0, ByteBuffer.wrap(new byte[100]), Stability.FILE_SYNC);
            assertEquals(List.of(new Told(f.dir.inodeId(), modified("written.bin", ChangeAspects.LAST_WRITE)),
                    new Told(other.inodeId(), modified("second-name.bin", ChangeAspects.LAST_WRITE))), twoTold(told),
                    "within the interval: told at its end, the last-write time only (the end did not move)");
            uploader.drain();
            assertNull(told.poll(2, TimeUnit.SECONDS), "the upload stores the size and time without telling anyone");
        } finally {
            hub.unwatch("first");
            hub.unwatch("second");
        }
    }

    /**
     * A stream of 1 MiB writes to one file is told once at once and then once a second at most, whatever the count of
     * writes: the look-ups of its names follow the clock, not the writes.
     */
    void aStreamOfWritesIsToldAboutOnceASecond() throws InterruptedException {
        FileHandle file = f.fs.create(ALICE, f.dir, bytes("stream.bin"), 0644, CreateMode.UNCHECKED, 0).node()
                .handle();
        BlockingQueue<EntryChange> told = new LinkedBlockingQueue<>();
        hub.watch("stream", file.shareId(), f.dir.inodeId(), false, told::addAll);
        try {
            int writes = 32;
            long started = System.nanoTime();
            for (int i = 0; i < writes; i++) {
                payload.write(ALICE, file, (long) i << 20, ByteBuffer.wrap(new byte[1 << 20]), Stability.UNSTABLE);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + 1;
            Thread.sleep(2500);   // past the last interval's end: every announcement is in
            List<EntryChange> all = new ArrayList<>(told);
            assertEquals(modified("stream.bin", BOTH), all.get(0), "the first write, at once, with the size it moved");
            assertTrue(all.size() <= 2 + seconds, all.size() + " announcements of " + writes + " writes in "
                    + seconds + " s");
        } finally {
            hub.unwatch("stream");
        }
    }

    /** A truncation is an attribute update, told at once with its size and last-write time. */
    void aTruncationIsToldByTheAttributeUpdate() throws InterruptedException {
        FileHandle file = f.fs.create(ALICE, f.dir, bytes("cut.bin"), 0644, CreateMode.UNCHECKED, 0).node()
                .handle();
        BlockingQueue<EntryChange> told = new LinkedBlockingQueue<>();
        hub.watch("cut", file.shareId(), f.dir.inodeId(), false, told::addAll);
        try {
            f.fs.setattr(ALICE, file, AttributeChanges.none().withSize(12345), null);
            assertEquals(modified("cut.bin", BOTH), told.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        } finally {
            hub.unwatch("cut");
        }
    }

    /** Nobody watching: a write opens no window, so nothing is looked up or scheduled for it. */
    void aWriteNobodyWatchesLeavesNothingBehind() {
        FileHandle file = f.fs.create(ALICE, f.dir, bytes("unwatched.bin"), 0644, CreateMode.UNCHECKED, 0).node()
                .handle();
        int before = announcements.files().openWindows();
        payload.write(ALICE, file, 0, ByteBuffer.wrap(new byte[4096]), Stability.UNSTABLE);
        assertEquals(before, announcements.files().openWindows());
    }

    private static EntryChange modified(String name, int aspects) {
        return new EntryChange(EntryChange.Kind.MODIFIED, List.of(name), aspects);
    }

    private static Told poll(BlockingQueue<Told> told) throws InterruptedException {
        Told next = told.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no change told within " + WAIT_SECONDS + " s");
        }
        return next;
    }

    /** The next two changes told, by directory (one announcement reaches the two watches in either order). */
    private static List<Told> twoTold(BlockingQueue<Told> told) throws InterruptedException {
        return Stream.of(poll(told), poll(told))
                .sorted(Comparator.comparingLong(Told::directoryId)).toList();
    }
}
