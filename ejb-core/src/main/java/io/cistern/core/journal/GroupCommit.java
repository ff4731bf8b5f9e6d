package io.cistern.core.journal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes {@link Journal#sync} cheap under concurrency: many callers, one fdatasync.
 * <p>
 * The protocol, in full:
 * <ol>
 * <li>{@code durableThrough} only ever grows, and only after an fdatasync has returned that covered every
 *     record up to the new value. A caller whose sequence it already covers returns at once.</li>
 * <li>Otherwise the caller takes the force lock. Only its holder runs a sync's fdatasync, so at most one is
 *     in flight; callers arriving meanwhile queue on the lock.</li>
 * <li>With the lock, the caller looks again: the force that just ran may have covered it, and then it
 *     leaves without forcing. That is the group: everyone who appended before a force started returns
 *     with that one force.</li>
 * <li>If not, it forces for everyone: it notes the newest record fully written (under the append lock, so
 *     nothing half-written is counted), forces the segment that holds it, and publishes that sequence.
 *     Appends continue meanwhile; the records they add wait for the next force.</li>
 * </ol>
 * Sealing a segment forces it too (under the append lock, not this one) and advances
 * {@code durableThrough} through the same max-only update. Lock order: force lock, then append lock.
 * A sync is not interruptible: it returns or fails.
 */
final class GroupCommit {
    /** Forces whatever is unsynced; returns the sequence through which everything is now durable. */
    @FunctionalInterface
    interface Flush {
        long forceAppended() throws IOException;
    }

    /** Work that must not run alongside a sync's force (closing or deleting segment files). */
    @FunctionalInterface
    interface Exclusive<T> {
        T run() throws IOException;
    }

    private final ReentrantLock forceLock = new ReentrantLock();
    private final AtomicLong durableThrough;
    private final LongAdder syncCalls = new LongAdder();
    private final LongAdder forces = new LongAdder();

    GroupCommit(long durableThrough) {
        this.durableThrough = new AtomicLong(durableThrough);
    }

    /** Every record up to this sequence is on disk. */
    long durableThrough() {
        return durableThrough.get();
    }

    /** Records up to {@code sequence} were just forced by someone. */
    void advanceTo(long sequence) {
        durableThrough.accumulateAndGet(sequence, Math::max);
    }

    /** Returns once every record up to {@code sequence} is on disk. */
    void awaitDurable(long sequence, Flush flush) throws IOException {
        syncCalls.increment();
        if (durableThrough.get() >= sequence) {
            return;
        }
        forceLock.lock();
        try {
            if (durableThrough.get() >= sequence) {
                return;
            }
            long covered = flush.forceAppended();
            forces.increment();
            advanceTo(covered);
        } finally {
            forceLock.unlock();
        }
    }

    /** Runs {@code work} while no sync is forcing. */
    <T> T exclusively(Exclusive<T> work) throws IOException {
        forceLock.lock();
        try {
            return work.run();
        } finally {
            forceLock.unlock();
        }
    }

    /** Counts a force made outside a sync (sealing a segment). */
    void countForce() {
        forces.increment();
    }

    long syncCalls() {
        return syncCalls.sum();
    }

    long forces() {
        return forces.sum();
    }
}
