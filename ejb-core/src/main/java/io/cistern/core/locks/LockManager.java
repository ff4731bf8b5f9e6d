package io.cistern.core.locks;

import io.cistern.core.config.CisternSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Byte-range locks and share reservations of every file, for NLM and SMB: one table, so that a lock taken
 * over one protocol is seen by the other, with the same conflict rules for both. Files are named by inode id.
 * <p>
 * The state is in memory only and does not survive a restart. That is what NLM is built for: after a restart a
 * grace period lets clients reclaim their locks (NSM tells them the server restarted) before anyone may take new
 * ones. The grace period holds for every protocol, so that no SMB client takes a range an NFS client is about to
 * reclaim.
 * <p>
 * Between owners, and among a POSIX owner's own locks, semantics follow POSIX fcntl locks as Linux lockd serves
 * them: an owner's own locks never conflict and are
 * replaced, merged and split by its later requests; shared locks coexist; an exclusive lock excludes every other
 * owner on the bytes it covers; ranges that only touch never conflict. A blocked request is granted as soon as
 * nothing conflicts any more, waiters of a file in arrival order; a request that does not conflict is granted at
 * once even if others wait (no fairness barrier, as POSIX), which is also what keeps every wait visible to deadlock
 * detection. A {@link LockFlavor#WINDOWS} owner (an SMB open) follows Windows' rules among its own locks instead
 * (stacking, exact unlocks, empty locks, ranges past 2^63: see {@link LockFlavor}), through the methods made for it
 * ({@link #tryLockAll}, {@link #unlockExactly}, {@link #releaseAll}, {@link #accessConflict}); NLM never uses them, so
 * its behaviour is what it was.
 * <p>
 * Bean-managed concurrency: the table has its own lock, and callbacks must run outside it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// memory only: the default (REQUIRED) began and committed a transaction for every call from outside one
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class LockManager {
    /** The protocol name of NLM's lock owners. */
    public static final String NLM = "nlm";
    private static final Logger LOG = Logger.getLogger(LockManager.class.getName());

    private final LockTable table = new LockTable();
    private volatile GracePeriod grace;

    /** For the container, which starts the grace period in {@link #start()}. */
    public LockManager() {
        this.grace = new GracePeriod(Duration.ZERO, System::nanoTime);
    }

    /** Starts a grace period of the given length now, as measured by {@code nanoClock} (System::nanoTime). */
    public LockManager(Duration gracePeriod, LongSupplier nanoClock) {
        this.grace = new GracePeriod(gracePeriod, nanoClock);
    }

    @PostConstruct
    void start() {
        Duration length = Duration.ofSeconds(CisternSettings.nlmGraceSeconds());
        grace = new GracePeriod(length, System::nanoTime);
        LOG.info("Lock grace period: " + length.toSeconds() + " s, during which only reclaims are served");
    }

    public boolean inGracePeriod() {
        return grace.active();
    }

    /**
     * Whether the lock could be taken now, and if not, the conflicting lock that starts first. During the grace
     * period the answer is GRACE_PERIOD, as Linux answers NLM TEST: the locks about to be reclaimed are unknown.
     */
    public LockTestResult test(long file, RangeLock request) {
        if (grace.active()) {
            return new LockTestResult(LockStatus.GRACE_PERIOD, null);
        }
        RangeLock holder = table.firstConflict(file, request);
        return holder == null ? new LockTestResult(LockStatus.GRANTED, null)
                : new LockTestResult(LockStatus.DENIED, holder);
    }

    /** GRANTED or DENIED at once (fcntl F_SETLK). */
    public LockStatus tryLock(long file, RangeLock request, boolean reclaim) {
        return lock(file, request, reclaim, null);
    }

    /**
     * GRANTED at once, or BLOCKED until the lock has been taken for the requester and {@code whenGranted} told
     * (fcntl F_SETLKW), or DEADLOCK if waiting would close a cycle of waiting owners. The same request again while
     * it waits keeps its place in the queue; the newest callback is the one called.
     */
    public LockStatus lockOrWait(long file, RangeLock request, boolean reclaim, GrantCallback whenGranted) {
        return lock(file, request, reclaim, Objects.requireNonNull(whenGranted, "whenGranted"));
    }

    /**
     * During the grace period only reclaims; after it, no reclaims: a lock reclaimed that late may have been
     * taken and released by another owner meanwhile, and the data it guarded changed. The client is told instead
     * of being given a lock that no longer means what it did (Linux nlmsvc_lock does the same).
     */
    private LockStatus lock(long file, RangeLock request, boolean reclaim, GrantCallback whenGranted) {
        if (grace.active() != reclaim) {
            return LockStatus.GRACE_PERIOD;
        }
        return table.lock(file, request, whenGranted);
    }

    /**
     * Withdraws a queued request equal to {@code request}: GRANTED if one was withdrawn, DENIED if none was queued
     * (already granted, or never blocked). A withdrawn request is never granted; one already granted stays held,
     * since a grant happens together with taking the lock, and its owner unlocks it.
     */
    public LockStatus cancel(long file, RangeLock request) {
        if (grace.active()) {
            return LockStatus.GRACE_PERIOD;
        }
        return table.cancel(file, request) ? LockStatus.GRANTED : LockStatus.DENIED;
    }

    /**
     * Releases the owner's locks within the range (splitting one that extends past it) and withdraws its queued
     * requests within it. GRANTED even if it held nothing there; GRACE_PERIOD during the grace period, as Linux.
     */
    public LockStatus unlock(long file, LockOwner owner, ByteRange range) {
        if (grace.active()) {
            return LockStatus.GRACE_PERIOD;
        }
        table.unlock(file, owner, range);
        return LockStatus.GRANTED;
    }

    /**
     * Takes Windows locks of one owner in order, all or none ([MS-SMB2] 3.3.5.14.2: a failure releases the locks the
     * request already took): GRANTED, DENIED at the first that conflicts, or GRACE_PERIOD while only reclaims are
     * served.
     *
     * @throws IllegalArgumentException for a lock of a POSIX owner, whose merges could not be taken back exactly
     */
    public LockStatus tryLockAll(long file, List<RangeLock> requests) {
        for (RangeLock request : requests) {
            if (!request.owner().windows()) {
                throw new IllegalArgumentException("not a Windows lock: " + request);
            }
        }
        if (grace.active()) {
            return LockStatus.GRACE_PERIOD;
        }
        return table.lockAll(file, requests);
    }

    /**
     * Releases the one Windows lock with the shape's owner, range and emptiness (an exclusive one before a shared
     * one stacked on it): GRANTED, or DENIED when the owner holds no such lock (STATUS_RANGE_NOT_LOCKED).
     */
    public LockStatus unlockExactly(long file, RangeLock shape) {
        return table.unlockExactly(file, shape) ? LockStatus.GRANTED : LockStatus.DENIED;
    }

    /** Releases every lock and queued request of the owner on the file, whatever the grace period: its open ended. */
    public void releaseAll(long file, LockOwner owner) {
        table.dropOwner(file, owner);
    }

    /**
     * The first lock that refuses {@code reader}'s read or write of the bytes (Windows' mandatory locking, checked for
     * SMB reads and writes only), or null.
     */
    public RangeLock accessConflict(long file, LockOwner reader, ByteRange bytes, boolean write) {
        return table.accessConflict(file, reader, bytes, write);
    }

    /**
     * Makes or replaces the owner's share reservation: DENIED if another owner's conflicts. During the grace period
     * only reclaims; unlike a lock, a reclaim after it is served like a new reservation (Linux checks nothing else).
     */
    public LockStatus share(long file, ShareReservation reservation, boolean reclaim) {
        if (grace.active() && !reclaim) {
            return LockStatus.GRACE_PERIOD;
        }
        return table.reserve(file, reservation) == null ? LockStatus.GRANTED : LockStatus.DENIED;
    }

    /** Drops the owner's reservation; GRANTED even if it had none (X/Open XNFS). */
    public LockStatus unshare(long file, LockOwner owner) {
        if (grace.active()) {
            return LockStatus.GRACE_PERIOD;
        }
        table.unreserve(file, owner);
        return LockStatus.GRANTED;
    }

    /**
     * Forgets every lock, queued request and reservation of a host, in one protocol: the host rebooted (NSM) or
     * said it holds nothing (NLM FREE_ALL). Per protocol, because an SMB session from the same machine has its own
     * lifetime. Served in the grace period too: a rebooted client's old locks must not block the reclaims of others.
     */
    public void freeAll(String protocol, String host) {
        table.dropOwners(owner -> owner.isOf(protocol, host));
    }

    /** The locks held on the file, for the console and for checks. */
    public List<RangeLock> held(long file) {
        return table.held(file);
    }

    /** The requests queued on the file, oldest first. */
    public List<RangeLock> waiting(long file) {
        return table.waiting(file);
    }

    public List<ShareReservation> shares(long file) {
        return table.shares(file);
    }

    int trackedFiles() {
        return table.trackedFiles();
    }
}
