package io.cistern.nfs.nsm;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bounds how many notice attempts are under way at once, each holding a socket until its answer or timeout: the
 * attempts beyond the bound wait in arrival order and start as others end. An attempt holds its place only while it
 * runs, never while it waits for its next slot, so a host that is down cannot keep the others out.
 */
final class AttemptGate {
    private final int limit;
    private final RebootNotifier notifier;
    /** Guarded by this. */
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    AttemptGate(int limit, RebootNotifier notifier) {
        this.limit = limit;
        this.notifier = notifier;
    }

    /** Runs {@code attempt} now if there is room, else once there is; the attempt must call {@link #leave} once. */
    void enter(Runnable attempt) {
        synchronized (this) {
            if (running >= limit) {
                waiting.add(attempt);
                return;
            }
            running++;
        }
        attempt.run();
    }

    /** An attempt ended: the next waiting one takes its place, on an event loop rather than deeper in this stack. */
    void leave() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        if (notifier.schedule(next, 0) == null) {
            synchronized (this) {
                running--;
            }
        }
    }
}
