package io.cistern.smb.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One oplock or lease break that was sent and waits for its acknowledgment ([MS-SMB2] 3.3.4.6, 3.3.4.7): the CREATEs
 * held back by it wait here, and it ends once acknowledged, when its open (or the lease's last open) closes, or when
 * the acknowledgment timer runs out (3.3.2.1, 3.3.2.5). Guarded by the {@link SharedFileRegistry}'s lock; the
 * waiters run after that lock is left.
 */
final class PendingBreak {
    /** The open whose oplock breaks, or null for a lease's break. */
    final SmbOpen open;
    /** The lease that breaks, or null for an oplock's break. */
    final Lease lease;
    /** The level (oplock) or lease state the holder breaks to: the most its acknowledgment may keep. */
    final int breakTo;
    private final List<Runnable> waiters = new ArrayList<>();
    private boolean resolved;
    private ScheduledFuture<?> timer;

    PendingBreak(SmbOpen open, Lease lease, int breakTo) {
        this.open = open;
        this.lease = lease;
        this.breakTo = breakTo;
    }

    boolean resolved() {
        return resolved;
    }

    void timer(ScheduledFuture<?> acknowledgmentTimer) {
        timer = acknowledgmentTimer;
    }

    /** Runs {@code waiter} once the break ends: returned to be run at once when it already has. */
    List<Runnable> whenResolved(Runnable waiter) {
        if (resolved) {
            return List.of(waiter);
        }
        waiters.add(waiter);
        return List.of();
    }

    /** Ends the break; returns the waiters, to be run once the registry's lock is left. */
    List<Runnable> resolve() {
        if (resolved) {
            return List.of();
        }
        resolved = true;
        if (timer != null) {
            timer.cancel(false);
        }
        List<Runnable> waiting = List.copyOf(waiters);
        waiters.clear();
        return waiting;
    }
}
