package io.cistern.core.locks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lock state of every file, behind one lock. One lock for all files, because deadlock detection follows
 * waiting owners from file to file and must see them all at one moment; the work done under it is a scan of a few
 * list entries and never I/O, and NLM lock traffic is a tiny fraction of NFS traffic. Grants are collected under
 * the lock and told to their clients only after it is released, so that a callback may call back into the table
 * and a slow client never stalls everyone else's locking.
 * <p>
 * Memory: a file's entry exists only while it has a lock, a waiter or a reservation, and is dropped with the last.
 * Nothing bounds how many locks one host may hold; a misbehaving client can grow the table until FREE_ALL, a reboot
 * notification, or a restart drops its state.
 */
final class LockTable {
    private static final Logger LOG = Logger.getLogger(LockTable.class.getName());

    private final ReentrantLock guard = new ReentrantLock();
    private final Map<Long, FileLocks> files = new HashMap<>();
    /** Every owner's blocked requests on any file: the edges deadlock detection follows. */
    private final Map<LockOwner, List<Waiter>> waitersByOwner = new HashMap<>();

    RangeLock firstConflict(long file, RangeLock request) {
        guard.lock();
        try {
            FileLocks locks = files.get(file);
            return locks == null ? null : locks.firstConflict(request);
        } finally {
            guard.unlock();
        }
    }

    /**
     * Takes the lock, or refuses it, or with a callback queues it. Granting may also release bytes (a downgrade),
     * so it is followed by a pass over the file's waiters like any release.
     *
     * @param whenGranted null to refuse at once instead of waiting
     */
    LockStatus lock(long file, RangeLock request, GrantCallback whenGranted) {
        List<Grant> grants;
        guard.lock();
        try {
            FileLocks locks = files.computeIfAbsent(file, id -> new FileLocks());
            if (locks.firstConflict(request) != null) {
                return whenGranted == null ? LockStatus.DENIED : block(file, locks, request, whenGranted);
            }
            locks.take(request);
            grants = grantWaiters(locks);
        } finally {
            guard.unlock();
        }
        tell(grants);
        return LockStatus.GRANTED;
    }

    /**
     * Takes the Windows locks in order, each checked against what is held and what this call already took; on the
     * first conflict takes back those it took and refuses, so that the request is all or nothing. Taking a Windows
     * lock releases nothing, so no waiter can be granted by it.
     */
    LockStatus lockAll(long file, List<RangeLock> requests) {
        guard.lock();
        try {
            FileLocks locks = files.computeIfAbsent(file, id -> new FileLocks());
            List<RangeLock> taken = new ArrayList<>(requests.size());
            for (RangeLock request : requests) {
                if (locks.firstConflict(request) != null) {
                    taken.forEach(locks::untake);
                    dropIfEmpty(file, locks);
                    return LockStatus.DENIED;
                }
                locks.take(request);
                taken.add(request);
            }
            return LockStatus.GRANTED;
        } finally {
            guard.unlock();
        }
    }

    /** Releases the one Windows lock of the shape's owner, range and emptiness; false if it holds none such. */
    boolean unlockExactly(long file, RangeLock shape) {
        List<Grant> grants;
        guard.lock();
        try {
            FileLocks locks = files.get(file);
            if (locks == null || locks.releaseExactly(shape) == null) {
                return false;
            }
            grants = grantWaiters(locks);
            dropIfEmpty(file, locks);
        } finally {
            guard.unlock();
        }
        tell(grants);
        return true;
    }

    /** The first lock that refuses the owner's read or write of the bytes, or null. */
    RangeLock accessConflict(long file, LockOwner reader, ByteRange bytes, boolean write) {
        guard.lock();
        try {
            FileLocks locks = files.get(file);
            return locks == null ? null : locks.accessConflict(reader, bytes, write);
        } finally {
            guard.unlock();
        }
    }

    /** Drops every lock, request and reservation of one owner on one file (its open was closed). */
    void dropOwner(long file, LockOwner owner) {
        List<Grant> grants = List.of();
        guard.lock();
        try {
            FileLocks locks = files.get(file);
            if (locks == null) {
                return;
            }
            locks.withdrawOwners(owner::equals).forEach(this::forget);
            if (locks.dropOwners(owner::equals)) {
                grants = grantWaiters(locks);
            }
            dropIfEmpty(file, locks);
        } finally {
            guard.unlock();
        }
        tell(grants);
    }

    private LockStatus block(long file, FileLocks locks, RangeLock request, GrantCallback whenGranted) {
        Waiter queued = locks.queued(request);
        if (queued != null) {
            // the client asked again while it waits: it keeps its place, and is told through the newest call
            queued.callback = whenGranted;
            return LockStatus.BLOCKED;
        }
        if (closesCycle(request.owner(), locks.blockers(request))) {
            return LockStatus.DEADLOCK;
        }
        Waiter waiter = new Waiter(file, request, whenGranted);
        locks.enqueue(waiter);
        waitersByOwner.computeIfAbsent(request.owner(), owner -> new ArrayList<>()).add(waiter);
        return LockStatus.BLOCKED;
    }

    /**
     * Whether the requester waiting for the blockers would close a cycle: from each blocker, follows the requests
     * that owner is itself blocked on and the owners those wait for, across files and to any depth. Checked when a
     * request would wait, as Linux posix_locks_deadlock does; an owner that takes a lock while it also waits (two
     * threads sharing one svid) can still close a cycle unseen, as on Linux.
     */
    private boolean closesCycle(LockOwner requester, Set<LockOwner> blockers) {
        Deque<LockOwner> toVisit = new ArrayDeque<>(blockers);
        Set<LockOwner> visited = new HashSet<>();
        while (!toVisit.isEmpty()) {
            LockOwner owner = toVisit.pop();
            if (owner.equals(requester)) {
                return true;
            }
            if (visited.add(owner)) {
                for (Waiter waiter : waitersByOwner.getOrDefault(owner, List.of())) {
                    toVisit.addAll(files.get(waiter.file).blockers(waiter.request));
                }
            }
        }
        return false;
    }

    /** Withdraws the queued request equal to {@code request}; false if none was queued. */
    boolean cancel(long file, RangeLock request) {
        guard.lock();
        try {
            FileLocks locks = files.get(file);
            Waiter waiter = locks == null ? null : locks.queued(request);
            if (waiter == null) {
                return false;
            }
            locks.withdraw(waiter);
            forget(waiter);
            dropIfEmpty(file, locks);
            return true;
        } finally {
            guard.unlock();
        }
    }

    /** Releases the owner's bytes in the range, and withdraws its requests within it (as Linux nlmsvc_unlock). */
    void unlock(long file, LockOwner owner, ByteRange range) {
        List<Grant> grants = List.of();
        guard.lock();
        try {
            FileLocks locks = files.get(file);
            if (locks == null) {
                return;
            }
            locks.withdrawWithin(owner, range).forEach(this::forget);
            if (locks.release(owner, range)) {
                grants = grantWaiters(locks);
            }
            dropIfEmpty(file, locks);
        } finally {
            guard.unlock();
        }
        tell(grants);
    }

    /** Makes or replaces the owner's reservation; returns the other owner's that conflicts instead, or null. */
    ShareReservation reserve(long file, ShareReservation reservation) {
        guard.lock();
        try {
            FileLocks locks = files.computeIfAbsent(file, id -> new FileLocks());
            ShareReservation conflict = locks.shareConflict(reservation);
            if (conflict == null) {
                locks.reserve(reservation);
            }
            dropIfEmpty(file, locks);
            return conflict;
        } finally {
            guard.unlock();
        }
    }

    void unreserve(long file, LockOwner owner) {
        guard.lock();
        try {
            FileLocks locks = files.get(file);
            if (locks != null) {
                locks.unreserve(owner);
                dropIfEmpty(file, locks);
            }
        } finally {
            guard.unlock();
        }
    }

    /** Drops every lock, request and reservation of the matching owners on every file. */
    void dropOwners(Predicate<LockOwner> matching) {
        List<Grant> grants = new ArrayList<>();
        guard.lock();
        try {
            for (Iterator<FileLocks> it = files.values().iterator(); it.hasNext(); ) {
                FileLocks locks = it.next();
                locks.withdrawOwners(matching).forEach(this::forget);
                if (locks.dropOwners(matching)) {
                    grants.addAll(grantWaiters(locks));
                }
                if (locks.isEmpty()) {
                    it.remove();
                }
            }
        } finally {
            guard.unlock();
        }
        tell(grants);
    }

    List<RangeLock> held(long file) {
        return read(file, FileLocks::held);
    }

    List<RangeLock> waiting(long file) {
        return read(file, FileLocks::waiting);
    }

    List<ShareReservation> shares(long file) {
        return read(file, FileLocks::shares);
    }

    /** How many files have any state: zero once everything is released, which shows nothing leaks. */
    int trackedFiles() {
        guard.lock();
        try {
            return files.size();
        } finally {
            guard.unlock();
        }
    }

    private <T> List<T> read(long file, Function<FileLocks, List<T>> part) {
        guard.lock();
        try {
            FileLocks locks = files.get(file);
            return locks == null ? List.of() : part.apply(locks);
        } finally {
            guard.unlock();
        }
    }

    private List<Grant> grantWaiters(FileLocks locks) {
        List<Grant> grants = new ArrayList<>();
        for (Waiter waiter : locks.grantWaiters()) {
            forget(waiter);
            grants.add(waiter.granted());
        }
        return grants;
    }

    private void forget(Waiter waiter) {
        waitersByOwner.computeIfPresent(waiter.request.owner(), (owner, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    private void dropIfEmpty(long file, FileLocks locks) {
        if (locks.isEmpty()) {
            files.remove(file);
        }
    }

    /**
     * Tells each granted waiter's client, outside the lock. A client that cannot be told gets its range released
     * again, which may grant further waiters; they are told in turn.
     */
    private void tell(List<Grant> grants) {
        assert !guard.isHeldByCurrentThread() : "grants are told outside the lock";
        Deque<Grant> untold = new ArrayDeque<>(grants);
        while (!untold.isEmpty()) {
            Grant grant = untold.poll();
            try {
                grant.callback().granted(grant.lock());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not tell the client that it was granted " + grant.lock() + " on file "
                        + grant.file() + "; releasing it again", e);
                untold.addAll(releaseUntold(grant));
            }
        }
    }

    private List<Grant> releaseUntold(Grant grant) {
        guard.lock();
        try {
            FileLocks locks = files.get(grant.file());
            if (locks == null || !locks.release(grant.lock().owner(), grant.lock().range())) {
                return List.of();
            }
            List<Grant> next = grantWaiters(locks);
            dropIfEmpty(grant.file(), locks);
            return next;
        } finally {
            guard.unlock();
        }
    }
}
