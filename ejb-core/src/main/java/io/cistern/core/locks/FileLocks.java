package io.cistern.core.locks;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything locked on one file: held byte-range locks, blocked requests in arrival order, share reservations.
 * Not thread-safe: the {@link LockTable} guards it. Plain lists, because a file rarely has more than a handful of
 * locks, and scanning a handful beats keeping an interval tree consistent through merges and splits.
 * <p>
 * Invariant: a POSIX owner's locks on the file never overlap, and two of its locks of the same kind never touch
 * (they are merged), so that its locks read back exactly as POSIX describes them. A Windows owner's locks are kept
 * as they were taken, in order, and may stack.
 */
final class FileLocks {
    private final List<RangeLock> held = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Map<LockOwner, ShareReservation> shares = new LinkedHashMap<>();

    boolean isEmpty() {
        return held.isEmpty() && waiters.isEmpty() && shares.isEmpty();
    }

    /** The conflicting lock that starts first, so that the same state always names the same holder; or null. */
    RangeLock firstConflict(RangeLock request) {
        RangeLock first = null;
        for (RangeLock lock : held) {
            if (lock.conflictsWith(request)
                    && (first == null || Long.compareUnsigned(lock.range().first(), first.range().first()) < 0)) {
                first = lock;
            }
        }
        return first;
    }

    /** The owners whose locks keep {@code request} from being granted: whom it waits for. */
    Set<LockOwner> blockers(RangeLock request) {
        Set<LockOwner> owners = new LinkedHashSet<>();
        for (RangeLock lock : held) {
            if (lock.conflictsWith(request)) {
                owners.add(lock.owner());
            }
        }
        return owners;
    }

    /**
     * Takes the lock with POSIX semantics for the owner's own locks: the new kind replaces whatever the owner held
     * in the range (an upgrade or downgrade of part of a lock splits it), and it merges with the owner's locks of
     * the same kind that it overlaps or touches. A Windows lock is added as it is, on top of any the owner holds.
     * The caller has checked that nothing conflicts.
     */
    void take(RangeLock request) {
        if (request.owner().windows()) {
            held.add(request);
            return;
        }
        release(request.owner(), request.range());
        ByteRange merged = request.range();
        for (Iterator<RangeLock> it = held.iterator(); it.hasNext(); ) {
            RangeLock own = it.next();
            if (own.owner().equals(request.owner()) && own.exclusive() == request.exclusive()
                    && own.range().touches(merged)) {
                merged = merged.span(own.range());
                it.remove();
            }
        }
        held.add(new RangeLock(request.owner(), merged, request.exclusive()));
    }

    /** Unlocks the owner's bytes in the range, splitting a lock that extends past it; whether anything changed. */
    boolean release(LockOwner owner, ByteRange range) {
        List<RangeLock> remainders = new ArrayList<>(2);
        boolean changed = false;
        for (Iterator<RangeLock> it = held.iterator(); it.hasNext(); ) {
            RangeLock own = it.next();
            if (own.owner().equals(owner) && own.range().overlaps(range)) {
                it.remove();
                changed = true;
                for (ByteRange rest : own.range().minus(range)) {
                    remainders.add(new RangeLock(owner, rest, own.exclusive()));
                }
            }
        }
        held.addAll(remainders);
        return changed;
    }

    /**
     * Releases the one lock of the owner with exactly the shape's range (and emptiness), an exclusive one rather
     * than a shared one stacked on it, as Windows does ([MS-FSA] 2.1.5.8); the lock released, or null if none
     * matches.
     */
    RangeLock releaseExactly(RangeLock shape) {
        RangeLock match = null;
        for (RangeLock lock : held) {
            if (lock.owner().equals(shape.owner()) && lock.range().equals(shape.range()) && lock.empty() == shape.empty()
                    && (match == null || lock.exclusive() && !match.exclusive())) {
                match = lock;
            }
        }
        if (match != null) {
            held.remove(match);
        }
        return match;
    }

    /** Removes one lock equal to {@code lock}: a lock just taken, taken back. */
    void untake(RangeLock lock) {
        held.remove(lock);
    }

    /** The first lock that refuses the owner's read or write of the bytes, or null. */
    RangeLock accessConflict(LockOwner reader, ByteRange bytes, boolean write) {
        for (RangeLock lock : held) {
            if (lock.refusesAccess(reader, bytes, write)) {
                return lock;
            }
        }
        return null;
    }

    /** Drops the matching owners' locks and reservations (a client rebooted); whether a lock was released. */
    boolean dropOwners(Predicate<LockOwner> matching) {
        shares.keySet().removeIf(matching);
        return held.removeIf(lock -> matching.test(lock.owner()));
    }

    List<RangeLock> held() {
        return List.copyOf(held);
    }

    // blocked requests

    void enqueue(Waiter waiter) {
        waiters.add(waiter);
    }

    /** The queued request equal to {@code request} (same owner, range and kind), or null. */
    Waiter queued(RangeLock request) {
        for (Waiter waiter : waiters) {
            if (waiter.request.equals(request)) {
                return waiter;
            }
        }
        return null;
    }

    void withdraw(Waiter waiter) {
        waiters.remove(waiter);
    }

    /** Withdraws the owner's requests that lie within the range: an unlock says it wants none of it any more. */
    List<Waiter> withdrawWithin(LockOwner owner, ByteRange range) {
        List<Waiter> withdrawn = new ArrayList<>();
        waiters.removeIf(waiter -> waiter.request.owner().equals(owner) && range.contains(waiter.request.range())
                && withdrawn.add(waiter));
        return withdrawn;
    }

    /**
     * Takes the lock for every waiter that no longer conflicts, oldest first, and returns them in that order. A
     * waiter whose grant downgrades its owner's lock can free bytes for one scanned before it, so the scan repeats
     * until a pass grants nothing.
     */
    List<Waiter> grantWaiters() {
        List<Waiter> granted = new ArrayList<>();
        boolean grantedInPass = true;
        while (grantedInPass) {
            grantedInPass = false;
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (firstConflict(waiter.request) == null) {
                    it.remove();
                    take(waiter.request);
                    granted.add(waiter);
                    grantedInPass = true;
                }
            }
        }
        return granted;
    }

    /** Withdraws every request of the matching owners. */
    List<Waiter> withdrawOwners(Predicate<LockOwner> matching) {
        List<Waiter> withdrawn = new ArrayList<>();
        waiters.removeIf(waiter -> matching.test(waiter.request.owner()) && withdrawn.add(waiter));
        return withdrawn;
    }

    List<RangeLock> waiting() {
        return waiters.stream().map(waiter -> waiter.request).toList();
    }

    // share reservations

    /** The first other owner's reservation that conflicts, or null. */
    ShareReservation shareConflict(ShareReservation reservation) {
        for (ShareReservation existing : shares.values()) {
            if (existing.conflictsWith(reservation)) {
                return existing;
            }
        }
        return null;
    }

    void reserve(ShareReservation reservation) {
        shares.put(reservation.owner(), reservation);
    }

    void unreserve(LockOwner owner) {
        shares.remove(owner);
    }

    List<ShareReservation> shares() {
        return List.copyOf(shares.values());
    }
}
