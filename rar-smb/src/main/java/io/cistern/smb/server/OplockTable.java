package io.cistern.smb.server;

import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.OplockLevel;
import io.cistern.smb.wire.Smb2CreateLease;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The oplocks and leases of one listener's open files ([MS-SMB2] 3.3.5.9, 3.3.5.22, 3.3.4.6, 3.3.4.7, with the
 * object store's part of [MS-FSA] 2.1.5.17 and 2.1.4.12 simplified to what follows). Used only under the
 * {@link SharedFileRegistry}'s lock, which holds every open of a file; notices and waiters it returns are run after
 * that lock is left.
 * <ul>
 * <li>A new open that asks for more than attributes breaks what the other opens of the file (outside its own lease) cache: an EXCLUSIVE
 *     or BATCH oplock to LEVEL_II, a lease's write caching (RWH to RH, RW to R); an overwriting open breaks every
 *     oplock and lease to none. When the new open would meet a sharing violation, only handle caching is broken
 *     (BATCH to LEVEL_II, a lease's H), so that its holder may close, and an EXCLUSIVE oplock stays. A break from
 *     EXCLUSIVE or BATCH, or of a lease holding W or H, waits for its acknowledgment; the others take effect at once.
 *     An open that deletes on close breaks a lease's H as well.</li>
 * <li>A rename or delete (SET_INFO) through one open breaks the other opens' handle caching first: BATCH to none, a
 *     lease's H, each waited for.</li>
 * <li>Grants: none for a directory, or for an open of attributes only beside other opens; EXCLUSIVE or BATCH when no other open of the file uses its data, otherwise
 *     LEVEL_II, and none beside a lease that caches handles; a new lease gets R and H as asked (no H beside an
 *     oplock), and W only when every other open of the file is under that lease;
 *     a lease held already changes only to a valid state strictly above its own that it can have whole; a known
 *     lease key on another file is STATUS_INVALID_PARAMETER.</li>
 * <li>A write or truncation through one open breaks every LEVEL_II oplock of the file (the writer's own too, as
 *     Windows does) and the other clients' read-caching leases to none (3.3.4.7 SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED
 *     only when H is held); nothing waits for that.</li>
 * <li>A break unacknowledged after the timeout (35 s by default, 3.3.2.1 and 3.3.2.5) leaves the holder none.</li>
 * </ul>
 */
final class OplockTable {
    private static final int R = OplockLevel.LEASE_READ;
    private static final int H = OplockLevel.LEASE_HANDLE;
    private static final int W = OplockLevel.LEASE_WRITE;
    private static final int STAT_RIGHTS = AccessMask.FILE_READ_ATTRIBUTES | AccessMask.FILE_WRITE_ATTRIBUTES
            | AccessMask.SYNCHRONIZE;

    /** The breaks an open must wait for, and the notifications to send once the lock is left. */
    record Breaks(int status, List<PendingBreak> waits, List<Runnable> notices) {
    }

    /** What a CREATE is granted: its OplockLevel, and the lease context of its response (or null). */
    record Grant(int level, Smb2CreateLease leaseAnswer) {
        static final Grant NONE = new Grant(OplockLevel.NONE, null);
    }

    /** An acknowledgment's outcome: its status, the level or state granted, and the waiters it released. */
    record Ack(int status, int granted, List<Runnable> released) {
    }

    private final LeaseTable leases = new LeaseTable();
    private final Duration ackTimeout;
    private final Consumer<PendingBreak> timedOut;

    /** @param timedOut what the acknowledgment timer calls, on the holder's event loop */
    OplockTable(Duration ackTimeout, Consumer<PendingBreak> timedOut) {
        this.ackTimeout = ackTimeout;
        this.timedOut = timedOut;
    }

    int leaseCount() {
        return leases.size();
    }

    /** The breaks {@code open} needs before it can join {@code others}. */
    Breaks breaksFor(List<SmbOpen> others, SmbOpen open, OplockRequest want, boolean sharingViolation,
                     boolean overwrite) {
        if (want.wantsLease()) {
            Lease known = leases.find(want.clientGuid(), want.lease().leaseKey());
            if (known != null && known.fileNumber != open.fileNumber()) {
                return new Breaks(NtStatus.STATUS_INVALID_PARAMETER, List.of(), List.of());
            }
        }
        List<PendingBreak> waits = new ArrayList<>();
        List<Runnable> notices = new ArrayList<>();
        if (statOpen(open)) {
            return new Breaks(NtStatus.STATUS_SUCCESS, waits, notices);
        }
        List<Lease> seen = new ArrayList<>();
        for (SmbOpen other : others) {
            Lease lease = other.lease();
            if (lease != null && (inLease(lease, want) || seen.contains(lease))) {
                continue;
            }
            if (lease != null) {
                seen.add(lease);
                breakLease(lease, leaseTarget(lease.state, sharingViolation, overwrite, open.deleteOnClose()), waits,
                        notices);
            } else {
                breakOplock(other, oplockTarget(other.oplockLevel(), sharingViolation, overwrite), waits, notices);
            }
        }
        return new Breaks(NtStatus.STATUS_SUCCESS, waits, notices);
    }

    /**
     * Whether an open asks for nothing but FILE_READ_ATTRIBUTES, FILE_WRITE_ATTRIBUTES and SYNCHRONIZE and truncates
     * nothing: such a "stat open" breaks no oplock and stands in the way of none ([MS-FSA] 2.1.5.1.2; smbtorture
     * smb2.oplock.statopen1 records which rights Windows counts, and exclusive5 that an overwriting one does break).
     */
    static boolean statOpen(SmbOpen open) {
        return !open.sharing(~STAT_RIGHTS);
    }

    private static boolean inLease(Lease lease, OplockRequest want) {
        return want.wantsLease() && lease.named(want.clientGuid(), want.lease().leaseKey());
    }

    /** Whether {@code open} caches its handle: a lease with H, or a BATCH oplock. */
    static boolean cachesHandle(SmbOpen open) {
        return open.lease() != null ? open.lease().caches(H) : open.oplockLevel() == OplockLevel.BATCH;
    }

    /** The level an oplock breaks to, or -1 when it stays. */
    static int oplockTarget(int level, boolean sharingViolation, boolean overwrite) {
        if (sharingViolation) {
            return level == OplockLevel.BATCH ? (overwrite ? OplockLevel.NONE : OplockLevel.II) : -1;
        }
        if (OplockLevel.exclusive(level)) {
            return overwrite ? OplockLevel.NONE : OplockLevel.II;
        }
        return level == OplockLevel.II && overwrite ? OplockLevel.NONE : -1;
    }

    /**
     * The state a lease breaks to, or -1 when it stays. An open that deletes on close takes handle caching too, as a
     * delete does (smbtorture smb2.lease.unlink: RH breaks to R when another client unlinks); DELETE access alone
     * leaves it (smb2.lease.break, whose opens ask for every right, keeps RH).
     */
    static int leaseTarget(int state, boolean sharingViolation, boolean overwrite, boolean deleting) {
        int target;
        if (sharingViolation) {
            target = state & ~H;
        } else if (overwrite) {
            target = 0;
        } else {
            target = state & ~W & (deleting ? ~H : ~0);
        }
        return target == state ? -1 : target;
    }

    /**
     * A rename or delete through {@code actor} ([MS-FSA] 2.1.4.12, SET_INFORMATION of FileRenameInformation or
     * FileDispositionInformation): every other open's handle caching goes first, a BATCH oplock to none and a lease's
     * H (RH to R, RWH to RW), each waiting for its acknowledgment; the actor's own oplock and lease stay (smbtorture
     * smb2.oplock.batch19, smb2.lease.v2_rename), and LEVEL_II, EXCLUSIVE and leases without H cache no handles. A
     * holder of H or BATCH whose break is already under way is waited for, so that the caller asks again once it
     * ends.
     */
    Breaks breakHandleCaching(List<SmbOpen> opens, SmbOpen actor) {
        List<PendingBreak> waits = new ArrayList<>();
        List<Runnable> notices = new ArrayList<>();
        List<Lease> seen = new ArrayList<>();
        for (SmbOpen other : opens) {
            Lease lease = other.lease();
            if (other == actor || lease != null && (lease == actor.lease() || seen.contains(lease))) {
                continue;
            }
            if (lease != null) {
                seen.add(lease);
                if (lease.caches(H)) {
                    breakLease(lease, lease.state & ~H, waits, notices);
                }
            } else if (other.oplockLevel() == OplockLevel.BATCH) {
                breakOplock(other, OplockLevel.NONE, waits, notices);
            }
        }
        return new Breaks(NtStatus.STATUS_SUCCESS, waits, notices);
    }

    private void breakOplock(SmbOpen holder, int target, List<PendingBreak> waits, List<Runnable> notices) {
        if (holder.oplockBreak() != null) {
            waits.add(holder.oplockBreak());           // already breaking: wait for that break to end
            return;
        }
        if (target < 0) {
            return;
        }
        notices.add(BreakNotifier.oplock(holder, target));
        if (!OplockLevel.exclusive(holder.oplockLevel())) {
            holder.oplockLevel(target);                // LEVEL_II to none needs no acknowledgment (2.2.24.1)
            return;
        }
        PendingBreak pending = new PendingBreak(holder, null, target);
        holder.oplockBreak(pending);
        startTimer(pending, holder.breakRoute());
        waits.add(pending);
    }

    private void breakLease(Lease lease, int target, List<PendingBreak> waits, List<Runnable> notices) {
        if (lease.breaking != null) {
            waits.add(lease.breaking);
            return;
        }
        if (target < 0 || lease.opens.isEmpty()) {
            return;
        }
        boolean ackRequired = lease.caches(W | H);
        if (lease.v2) {
            lease.epoch++;
        }
        BreakRoute route = lease.opens.get(0).breakRoute();
        notices.add(BreakNotifier.lease(lease, route, target, ackRequired));
        if (!ackRequired) {
            lease.state = target;
            return;
        }
        PendingBreak pending = new PendingBreak(null, lease, target);
        lease.breaking = pending;
        startTimer(pending, route);
        waits.add(pending);
    }

    private void startTimer(PendingBreak pending, BreakRoute route) {
        if (route == null) {
            return;
        }
        Channel channel = route.channel();
        pending.timer(channel.eventLoop().schedule(() -> timedOut.accept(pending), ackTimeout.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /** What {@code open}, now among {@code opens}, is granted. */
    Grant grant(List<SmbOpen> opens, SmbOpen open, OplockRequest want) {
        if (open.directory() || want.level() == OplockLevel.NONE || statOpen(open) && opens.size() > 1) {
            return Grant.NONE;                         // an open for attributes beside others caches nothing
        }
        boolean alone = true;
        boolean besideOplock = false;
        boolean besideHandleLease = false;
        for (SmbOpen other : opens) {
            // a stat open counts only by a lease it holds (smbtorture smb2.lease.statopen: RWH held through one)
            if (other == open || statOpen(other) && other.lease() == null
                    || other.lease() != null && inLease(other.lease(), want)) {
                continue;
            }
            alone = false;
            besideOplock |= other.lease() == null && other.oplockLevel() != OplockLevel.NONE;
            besideHandleLease |= other.lease() != null && other.lease().caches(H);
        }
        if (!want.wantsLease()) {
            // beside a lease that caches handles no oplock is granted (smbtorture smb2.lease.oplock records Windows)
            int level = besideHandleLease ? OplockLevel.NONE
                    : want.level() == OplockLevel.II || alone ? want.level() : OplockLevel.II;
            open.oplockLevel(level);
            return new Grant(level, null);
        }
        // beside an oplock a lease gets no handle caching (smbtorture smb2.lease.oplock, oplock_results_2)
        return grantLease(open, want, alone, besideOplock);
    }

    private Grant grantLease(SmbOpen open, OplockRequest want, boolean alone, boolean besideOplock) {
        Smb2CreateLease asked = want.lease();
        int allowed = Lease.validState(asked.leaseState()) & (alone ? R | H | W : besideOplock ? R : R | H);
        Lease lease = leases.find(want.clientGuid(), asked.leaseKey());
        if (lease == null) {
            lease = new Lease(want.clientGuid(), asked.leaseKey(), asked.parentLeaseKey(), open.fileNumber(), allowed,
                    asked.v2() ? asked.epoch() + 1 : 0);
            leases.add(lease);
        } else if (lease.breaking == null && upgrades(lease.state, Lease.validState(asked.leaseState()), alone)) {
            // an upgrade takes the state asked, whole, or nothing (smbtorture smb2.lease.upgrade2 and upgrade3)
            lease.state = asked.leaseState();
            if (lease.v2) {
                lease.epoch++;
            }
        }
        lease.opens.add(open);
        open.lease(lease);
        open.oplockLevel(OplockLevel.LEASE);
        // the answer has the lease's version, whichever this request used (smbtorture smb2.lease.v2_epoch2, 3)
        byte[] parent = lease.parentKey();
        int flags = (lease.breaking != null ? Smb2CreateLease.FLAG_BREAK_IN_PROGRESS : 0)
                | (lease.v2 && !isZero(parent) ? Smb2CreateLease.FLAG_PARENT_LEASE_KEY_SET : 0);
        Smb2CreateLease answer = new Smb2CreateLease(lease.key(), lease.state, flags, parent,
                lease.v2 ? lease.epoch & 0xFFFF : 0);
        return new Grant(OplockLevel.LEASE, answer);
    }

    /**
     * Whether a held lease changes to {@code requested}: only to a valid state strictly above the one held, and to
     * write caching only while no other client's open is on the file.
     */
    static boolean upgrades(int held, int requested, boolean alone) {
        return requested != 0 && requested != held && (requested & held) == held && (alone || (requested & W) == 0);
    }

    private static boolean isZero(byte[] key) {
        for (byte b : key) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code open} leaves: its break ends, and its lease goes with its last open. */
    List<Runnable> released(SmbOpen open) {
        List<Runnable> waiters = new ArrayList<>();
        if (open.oplockBreak() != null) {
            waiters.addAll(open.oplockBreak().resolve());
            open.oplockBreak(null);
        }
        open.oplockLevel(OplockLevel.NONE);
        Lease lease = open.lease();
        if (lease != null) {
            open.lease(null);
            lease.opens.remove(open);
            if (lease.opens.isEmpty()) {
                leases.remove(lease);
                if (lease.breaking != null) {
                    waiters.addAll(lease.breaking.resolve());
                    lease.breaking = null;
                }
            }
        }
        return waiters;
    }

    /**
     * [MS-SMB2] 3.3.5.22.1: an oplock break acknowledgment on {@code open}. Not breaking (a break from LEVEL_II,
     * which asks for none, included): STATUS_INVALID_OPLOCK_PROTOCOL, as Windows and Samba answer (smbtorture
     * smb2.oplock.levelii500; the current text of 3.3.5.22.1 says STATUS_INVALID_DEVICE_STATE);
     * an open holding a lease, or the LEASE level: STATUS_INVALID_PARAMETER; a level above the one the break offered:
     * STATUS_INVALID_OPLOCK_PROTOCOL. Each failure but the first leaves the open no oplock and ends the break.
     */
    Ack acknowledgeOplock(SmbOpen open, int level) {
        PendingBreak pending = open.oplockBreak();
        if (open.lease() == null && pending == null) {
            return new Ack(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL, OplockLevel.NONE, List.of());
        }
        int status = NtStatus.STATUS_SUCCESS;
        int granted = level;
        if (open.lease() != null || level == OplockLevel.LEASE) {
            status = NtStatus.STATUS_INVALID_PARAMETER;
        } else if (level != OplockLevel.NONE && (level != OplockLevel.II || pending.breakTo != OplockLevel.II)) {
            status = NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL;
        }
        if (status != NtStatus.STATUS_SUCCESS) {
            if (open.lease() != null) {
                return new Ack(status, OplockLevel.NONE, List.of());
            }
            granted = OplockLevel.NONE;
        }
        open.oplockLevel(granted);
        open.oplockBreak(null);
        return new Ack(status, granted, pending == null ? List.of() : pending.resolve());
    }

    /**
     * [MS-SMB2] 3.3.5.22.2: a lease break acknowledgment from the client {@code clientGuid}. An unknown lease:
     * STATUS_OBJECT_NAME_NOT_FOUND; one not breaking: STATUS_UNSUCCESSFUL; a state beyond what the break offered:
     * STATUS_REQUEST_NOT_ACCEPTED, and the break goes on until a right acknowledgment, a close or the timer ends it
     * (smbtorture smb2.lease.breaking2 acknowledges wrongly seven times before the right one).
     */
    Ack acknowledgeLease(UUID clientGuid, byte[] key, int state) {
        Lease lease = leases.find(clientGuid, key);
        if (lease == null) {
            return new Ack(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, 0, List.of());
        }
        PendingBreak pending = lease.breaking;
        if (pending == null) {
            return new Ack(NtStatus.STATUS_UNSUCCESSFUL, lease.state, List.of());
        }
        if ((state & ~pending.breakTo) != 0) {
            return new Ack(NtStatus.STATUS_REQUEST_NOT_ACCEPTED, lease.state, List.of());
        }
        lease.state = state;
        lease.breaking = null;
        return new Ack(NtStatus.STATUS_SUCCESS, lease.state, pending.resolve());
    }

    /** The acknowledgment timer ran out: the holder keeps nothing. */
    List<Runnable> timedOut(PendingBreak pending) {
        if (pending.resolved()) {
            return List.of();
        }
        if (pending.open != null && pending.open.oplockBreak() == pending) {
            pending.open.oplockLevel(OplockLevel.NONE);
            pending.open.oplockBreak(null);
        }
        if (pending.lease != null && pending.lease.breaking == pending) {
            pending.lease.state = 0;
            pending.lease.breaking = null;
        }
        return pending.resolve();
    }

    /**
     * A write or truncation through {@code writer}: the other opens' read caching goes ([MS-SMB2] 3.3.4.7; LEVEL_II
     * and read-only leases break to none without acknowledgment). Returns the notices to send.
     */
    List<Runnable> breakReadCaching(List<SmbOpen> opens, SmbOpen writer) {
        List<Runnable> notices = new ArrayList<>();
        List<PendingBreak> ignored = new ArrayList<>();
        List<Lease> seen = new ArrayList<>();
        for (SmbOpen other : opens) {
            Lease lease = other.lease();
            // a LEVEL_II oplock of the writing open itself goes too (smbtorture smb2.oplock.batch1 records Windows'
            // self break); a lease is the client's, which knows what it writes
            if (lease != null && (lease == writer.lease() || seen.contains(lease))) {
                continue;
            }
            if (lease != null) {
                seen.add(lease);
                if (lease.caches(R) && !lease.caches(W)) {
                    breakLease(lease, 0, ignored, notices);
                }
            } else if (other.oplockLevel() == OplockLevel.II) {
                breakOplock(other, OplockLevel.NONE, ignored, notices);
            }
        }
        return notices;
    }
}
