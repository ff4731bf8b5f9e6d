package io.cistern.core.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The coalescing of writes into announcements: nothing at all when nobody watches the share (no step scheduled, no
 * announcement), the first write of a file announced at once, a stream of writes within the interval announced once
 * at its end with every aspect it touched, a window that closes when its interval saw no write, files apart from one
 * another, and an announcer that fails costs a watcher one change and leaves the window working.
 */
class WrittenFilesTest {
    private static final long SHARE = 1;
    private static final long DIRECTORY = 10;
    private static final long FILE = 100;
    private static final long INTERVAL_NANOS = Duration.ofMillis(500).toNanos();

    private final DirectoryWatches hub = new DirectoryWatches();
    /** The steps the written files scheduled, run by hand in order: the test is the clock. */
    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<String> announced = new ArrayList<>();
    private final WrittenFiles files = new WrittenFiles(hub, (step, delay) -> steps.add(new Step(step, delay)),
            Duration.ofNanos(INTERVAL_NANOS), (inodeId, aspects) -> announced.add(inodeId + ":" + aspects));

    private record Step(Runnable work, long delayNanos) {
    }

    private static final int WRITE = ChangeAspects.LAST_WRITE;
    private static final int GROW = ChangeAspects.LAST_WRITE | ChangeAspects.SIZE;

    /** Runs the next scheduled step and says after how long it was due. */
    private long runNext() {
        Step step = steps.removeFirst();
        step.work().run();
        return step.delayNanos();
    }

    @Test
    void nobodyWatchingSchedulesNothingAndAnnouncesNothing() {
        for (int i = 0; i < 1000; i++) {
            files.written(SHARE, FILE, true);
        }
        hub.watch("elsewhere", 2, DIRECTORY, false, changes -> { });
        files.written(SHARE, FILE, true);
        assertTrue(steps.isEmpty(), "no step was scheduled");
        assertEquals(0, files.openWindows(), "no file was remembered");
        assertEquals(List.of(), announced);
    }

    @Test
    void aStreamOfWritesIsAnnouncedOnceAtOnceAndOnceAtTheIntervalsEnd() {
        hub.watch("w", SHARE, DIRECTORY, false, changes -> { });
        files.written(SHARE, FILE, true);
        for (int i = 0; i < 1000; i++) {
            files.written(SHARE, FILE, false);
        }
        assertEquals(1, steps.size(), "one step for the whole stream");
        assertEquals(0, runNext(), "the first write is announced without waiting");
        assertEquals(List.of(FILE + ":" + GROW), announced);

        files.written(SHARE, FILE, false);
        files.written(SHARE, FILE, false);
        assertEquals(1, steps.size(), "writes within the interval schedule nothing more");
        assertEquals(INTERVAL_NANOS, runNext());
        assertEquals(List.of(FILE + ":" + GROW, FILE + ":" + WRITE), announced,
                "what the interval's writes touched, once: the last-write time, the size not moved");

        assertEquals(INTERVAL_NANOS, runNext(), "the window stays open one more interval");
        assertTrue(steps.isEmpty(), "an interval without writes closes it");
        assertEquals(0, files.openWindows());
        assertEquals(2, announced.size());

        files.written(SHARE, FILE, false);
        assertEquals(0, runNext(), "a write after the window closed is announced at once again");
        assertEquals(FILE + ":" + WRITE, announced.get(2));
    }

    /** smbtorture's smb2.notify.valid-req: a watcher answered now hears of the write its client already saw done. */
    @Test
    void pendingWritesAreAnnouncedOnDemandOnceAndTheWindowStillCloses() {
        hub.watch("w", SHARE, DIRECTORY, false, changes -> { });
        files.announcePending();
        assertEquals(List.of(), announced, "nothing written, nothing told");
        files.written(SHARE, FILE, true);
        files.announcePending();
        assertEquals(List.of(FILE + ":" + GROW), announced, "told before the scheduled step ran");
        assertEquals(0, runNext(), "the step scheduled for the first write");
        assertEquals(1, announced.size(), "which finds nothing more to tell");

        files.written(SHARE, FILE, false);
        files.announcePending();
        files.announcePending();
        assertEquals(List.of(FILE + ":" + GROW, FILE + ":" + WRITE), announced, "a write within the interval, once");
        assertEquals(INTERVAL_NANOS, runNext());
        assertEquals(2, announced.size(), "the interval's end has nothing left to tell");
        assertTrue(steps.isEmpty(), "and the window closes");
        assertEquals(0, files.openWindows());
    }

    @Test
    void aGrowingWriteWithinTheIntervalAddsTheSizeToItsAnnouncement() {
        hub.watch("w", SHARE, DIRECTORY, false, changes -> { });
        files.written(SHARE, FILE, false);
        runNext();
        files.written(SHARE, FILE, false);
        files.written(SHARE, FILE, true);
        files.written(SHARE, FILE, false);
        runNext();
        assertEquals(List.of(FILE + ":" + WRITE, FILE + ":" + GROW), announced);
    }

    @Test
    void eachFileHasAWindowOfItsOwn() {
        hub.watch("w", SHARE, DIRECTORY, false, changes -> { });
        files.written(SHARE, FILE, false);
        files.written(SHARE, FILE + 1, true);
        files.written(SHARE, FILE, false);
        assertEquals(2, files.openWindows());
        runNext();
        runNext();
        assertEquals(List.of(FILE + ":" + WRITE, (FILE + 1) + ":" + GROW), announced);
    }

    @Test
    void aFailingAnnouncerLosesOneAnnouncementAndTheWindowStillCloses() {
        hub.watch("w", SHARE, DIRECTORY, false, changes -> { });
        List<Integer> tries = new ArrayList<>();
        WrittenFiles failing = new WrittenFiles(hub, (step, delay) -> steps.add(new Step(step, delay)),
                Duration.ofNanos(INTERVAL_NANOS), (inodeId, aspects) -> {
                    tries.add(aspects);
                    throw new IllegalStateException("the database is away");
                });
        failing.written(SHARE, FILE, true);
        runNext();
        runNext();
        assertEquals(List.of(GROW), tries);
        assertTrue(steps.isEmpty());
        assertEquals(0, failing.openWindows());
    }

    @Test
    void aSchedulerShuttingDownForgetsTheWindows() {
        hub.watch("w", SHARE, DIRECTORY, false, changes -> { });
        WrittenFiles stopping = new WrittenFiles(hub, (step, delay) -> {
            throw new RejectedExecutionException("shut down");
        }, Duration.ofNanos(INTERVAL_NANOS), (inodeId, aspects) -> announced.add("never"));
        stopping.written(SHARE, FILE, true);
        assertEquals(0, stopping.openWindows());
        assertEquals(List.of(), announced);
    }
}
