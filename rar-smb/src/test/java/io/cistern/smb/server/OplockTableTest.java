package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.OplockLevel;
import io.cistern.smb.wire.Smb2CreateLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The oplock and lease state machine of {@link OplockTable} without connections (its opens have no route, so no
 * notification is sent and no timer started): the levels and states a break goes to, what is granted beside other
 * opens, acknowledgments, a holder's close and the timer's end.
 */
class OplockTableTest {
    private static final int R = OplockLevel.LEASE_READ;
    private static final int H = OplockLevel.LEASE_HANDLE;
    private static final int W = OplockLevel.LEASE_WRITE;
    private static final UUID CLIENT = UUID.fromString("12345678-0000-0000-0000-000000000000");

    private final List<PendingBreak> timedOut = new ArrayList<>();
    private final OplockTable table = new OplockTable(Duration.ofSeconds(35), timedOut::add);
    private final List<SmbOpen> opens = new ArrayList<>();

    private static SmbOpen open(boolean directory) {
        return new SmbOpen(null, null, null, new byte[0], 42, directory,
                AccessMask.FILE_READ_DATA | AccessMask.FILE_WRITE_DATA, 7, List.of("f"), false);
    }

    private static OplockRequest oplock(int level) {
        return new OplockRequest(level, null, CLIENT, 0x0300, true);
    }

    private static OplockRequest lease(int key, int state) {
        byte[] leaseKey = new byte[16];
        leaseKey[0] = (byte) key;
        return new OplockRequest(OplockLevel.LEASE, new Smb2CreateLease(leaseKey, state, 0, new byte[16], 0), CLIENT,
                0x0300, true);
    }

    /** Admits {@code open} as the registry does when no break must wait; returns its grant. */
    private OplockTable.Grant join(SmbOpen open, OplockRequest want) {
        OplockTable.Breaks breaks = table.breaksFor(opens, open, want, false, false);
        assertTrue(breaks.waits().isEmpty(), "nothing to wait for");
        opens.add(open);
        return table.grant(opens, open, want);
    }

    @Test
    void oplocksBreakToLevelTwoOrNoneAsTheNewOpenAsks() {
        assertEquals(OplockLevel.II, OplockTable.oplockTarget(OplockLevel.BATCH, false, false));
        assertEquals(OplockLevel.II, OplockTable.oplockTarget(OplockLevel.EXCLUSIVE, false, false));
        assertEquals(OplockLevel.NONE, OplockTable.oplockTarget(OplockLevel.BATCH, false, true), "an overwrite");
        assertEquals(-1, OplockTable.oplockTarget(OplockLevel.II, false, false), "level II stays beside a reader");
        assertEquals(OplockLevel.NONE, OplockTable.oplockTarget(OplockLevel.II, false, true));
        assertEquals(OplockLevel.II, OplockTable.oplockTarget(OplockLevel.BATCH, true, false),
                "a sharing violation breaks a batch oplock so that its holder may close");
        assertEquals(-1, OplockTable.oplockTarget(OplockLevel.EXCLUSIVE, true, false), "but not an exclusive one");
    }

    @Test
    void leasesLoseWriteCachingToAnotherOpenAndHandleCachingToASharingViolation() {
        assertEquals(R | H, OplockTable.leaseTarget(R | W | H, false, false, false));
        assertEquals(R, OplockTable.leaseTarget(R | W, false, false, false));
        assertEquals(-1, OplockTable.leaseTarget(R | H, false, false, false));
        assertEquals(R | W, OplockTable.leaseTarget(R | W | H, true, false, false));
        assertEquals(0, OplockTable.leaseTarget(R | H, false, true, false), "an overwrite takes everything");
        assertEquals(-1, OplockTable.leaseTarget(0, false, true, false));
        assertEquals(R, OplockTable.leaseTarget(R | H, false, false, true), "an open that deletes on close takes H");
        assertEquals(R, OplockTable.leaseTarget(R | W | H, false, false, true));
        assertEquals(-1, OplockTable.leaseTarget(R, false, false, true));
        assertEquals(R | W | H, Lease.validState(R | W | H));
        assertEquals(0, Lease.validState(W | H), "no lease without read caching");
        assertEquals(0, Lease.validState(R | 0x10), "unknown bits");
    }

    @Test
    void aRenameOrDeleteBreaksOtherOpensHandleCachingOnly() {
        SmbOpen batch = open(false);
        join(batch, oplock(OplockLevel.BATCH));
        SmbOpen actor = open(false);
        opens.add(actor);                              // beside the holder, as a CREATE that could not wait is
        OplockTable.Breaks breaks = table.breakHandleCaching(opens, actor);
        assertEquals(1, breaks.waits().size(), "a batch oplock caches the handle");
        assertEquals(OplockLevel.NONE, breaks.waits().get(0).breakTo, "and breaks to none, as MS-FSA 2.1.4.12 says");
        assertEquals(1, breaks.notices().size());
        assertEquals(breaks.waits().get(0), table.breakHandleCaching(opens, actor).waits().get(0),
                "asked again, the same break is waited for");
        table.acknowledgeOplock(batch, OplockLevel.NONE);
        assertTrue(table.breakHandleCaching(opens, actor).waits().isEmpty());
        assertTrue(table.breakHandleCaching(List.of(batch), batch).waits().isEmpty(), "never the actor's own");

        opens.clear();
        SmbOpen rh = open(false);
        join(rh, lease(1, R | H));
        SmbOpen rwh = new SmbOpen(null, null, null, new byte[0], 43, false,
                AccessMask.FILE_READ_DATA | AccessMask.FILE_WRITE_DATA, 7, List.of("g"), false);
        SmbOpen own = open(false);
        join(own, lease(2, R | H));
        SmbOpen second = open(false);
        join(second, lease(2, R | H));
        breaks = table.breakHandleCaching(opens, second);
        assertEquals(1, breaks.waits().size(), "the other lease only, not the actor's own");
        assertEquals(R, breaks.waits().get(0).breakTo);
        assertEquals(R | H, own.lease().state);
        List<SmbOpen> alone = new ArrayList<>(List.of(rwh));
        assertEquals(R | W | H, table.grant(alone, rwh, lease(3, R | W | H)).leaseAnswer().leaseState());
        assertEquals(R | W, table.breakHandleCaching(alone, open(false)).waits().get(0).breakTo,
                "RWH keeps its write caching");
        SmbOpen reader = open(false);
        List<SmbOpen> readers = new ArrayList<>(List.of(reader));
        table.grant(readers, reader, lease(4, R));
        assertTrue(table.breakHandleCaching(readers, open(false)).waits().isEmpty(), "R caches no handle");
    }

    @Test
    void aHeldLeaseIsUpgradedOnlyToAStrictlyGreaterStateItCanHaveWhole() {
        assertTrue(OplockTable.upgrades(R | H, R | W | H, true));
        assertFalse(OplockTable.upgrades(R | H, R | W, true), "RW is no superset of RH: RH stays");
        assertFalse(OplockTable.upgrades(R | W | H, R | H, true), "no downgrade");
        assertFalse(OplockTable.upgrades(R, R | W | H, false), "W beside another client: R stays, not RH");
        assertTrue(OplockTable.upgrades(R, R | H, false));
        assertFalse(OplockTable.upgrades(R, 0, true));
    }

    @Test
    void aCreateThatMayNotWaitIsAdmittedBesideTheBreakingHolder() {
        SharedFileRegistry registry = new SharedFileRegistry(Duration.ofSeconds(35));
        SmbOpen holder = open(false);
        assertEquals(OplockLevel.BATCH, registry.admit(holder, oplock(OplockLevel.BATCH), false).grant().level());
        SharedFileRegistry.Admission waiting = registry.admit(open(false), oplock(OplockLevel.NONE), false);
        assertEquals(NtStatus.STATUS_PENDING, waiting.status(), "a CREATE that may wait waits");
        OplockRequest inCompound = new OplockRequest(OplockLevel.II, null, CLIENT, 0x0300, false);
        SharedFileRegistry.Admission admitted = registry.admit(open(false), inCompound, false);
        assertEquals(NtStatus.STATUS_SUCCESS, admitted.status(), "one with more of its compound after it goes on");
        assertEquals(OplockLevel.II, admitted.grant().level());
        assertEquals(NtStatus.STATUS_SUCCESS, registry.acknowledgeOplock(holder, OplockLevel.II).status(),
                "the holder's break still ends with its acknowledgment");
    }

    @Test
    void aStatOpenBreaksNothingUnlessItOverwrites() {
        join(open(false), oplock(OplockLevel.BATCH));
        int attributes = AccessMask.FILE_READ_ATTRIBUTES | AccessMask.SYNCHRONIZE;
        SmbOpen stat = new SmbOpen(null, null, null, new byte[0], 42, false, attributes, 7, List.of("f"), false);
        assertTrue(table.breaksFor(opens, stat, oplock(OplockLevel.NONE), false, false).waits().isEmpty());
        SmbOpen overwriting = new SmbOpen(null, null, null, new byte[0], 42, false, attributes,
                attributes | AccessMask.FILE_WRITE_DATA, 7, List.of("f"), false);
        assertEquals(1, table.breaksFor(opens, overwriting, oplock(OplockLevel.NONE), false, true).waits().size(),
                "an overwrite writes, whatever was asked");
    }

    @Test
    void aLeaseHeldThroughAStatOpenStillCounts() {
        int attributes = AccessMask.FILE_READ_ATTRIBUTES;
        SmbOpen stat = new SmbOpen(null, null, null, new byte[0], 42, false, attributes, 7, List.of("f"), false);
        assertEquals(R | W | H, join(stat, lease(1, R | W | H)).leaseAnswer().leaseState(), "alone: everything");
        SmbOpen other = open(false);
        OplockTable.Breaks breaks = table.breaksFor(opens, other, lease(2, R | W | H), false, false);
        assertEquals(R | H, breaks.waits().get(0).breakTo);
        table.acknowledgeLease(CLIENT, stat.lease().key(), R | H);
        opens.add(other);
        assertEquals(R | H, table.grant(opens, other, lease(2, R | W | H)).leaseAnswer().leaseState(),
                "no W beside the other lease, held through a stat open");
    }

    @Test
    void oplocksAndHandleCachingLeasesDoNotShareAFile() {
        join(open(false), lease(1, R | H));
        assertEquals(OplockLevel.NONE, join(open(false), oplock(OplockLevel.II)).level(), "no oplock beside RH");
        opens.clear();
        join(open(false), oplock(OplockLevel.II));
        assertEquals(R, join(open(false), lease(2, R | H)).leaseAnswer().leaseState(), "no H beside an oplock");
    }

    @Test
    void anExclusiveOplockIsGrantedAloneLevelTwoBesideOthersAndNoneOnADirectory() {
        assertEquals(OplockLevel.NONE, join(open(true), oplock(OplockLevel.BATCH)).level());
        opens.clear();
        SmbOpen first = open(false);
        assertEquals(OplockLevel.EXCLUSIVE, join(first, oplock(OplockLevel.EXCLUSIVE)).level());
        SmbOpen second = open(false);
        OplockTable.Breaks breaks = table.breaksFor(opens, second, oplock(OplockLevel.BATCH), false, false);
        assertEquals(1, breaks.waits().size(), "the exclusive holder must acknowledge");
        assertEquals(OplockLevel.II, breaks.waits().get(0).breakTo);
        assertEquals(1, breaks.notices().size());
        OplockTable.Ack ack = table.acknowledgeOplock(first, OplockLevel.II);
        assertEquals(NtStatus.STATUS_SUCCESS, ack.status());
        assertTrue(breaks.waits().get(0).resolved());
        assertEquals(OplockLevel.II, join(second, oplock(OplockLevel.BATCH)).level());
        assertEquals(OplockLevel.II, first.oplockLevel());
    }

    @Test
    void aLeaseBreakEndsWithTheAcknowledgmentTheLastCloseOrTheTimer() {
        SmbOpen holder = open(false);
        assertEquals(R | W | H, join(holder, lease(1, R | W | H)).leaseAnswer().leaseState());
        assertEquals(1, holder.lease().epoch, "the client's epoch plus one");
        SmbOpen other = open(false);
        OplockTable.Breaks breaks = table.breaksFor(opens, other, lease(2, R | W | H), false, false);
        PendingBreak pending = breaks.waits().get(0);
        assertEquals(R | H, pending.breakTo);
        assertEquals(2, holder.lease().epoch, "a break moves the epoch on");
        assertEquals(pending, table.breaksFor(opens, other, lease(2, R), false, false).waits().get(0),
                "asking again waits for the same break, and sends nothing new");

        assertEquals(NtStatus.STATUS_REQUEST_NOT_ACCEPTED,
                table.acknowledgeLease(CLIENT, holder.lease().key(), R | W).status());
        assertFalse(pending.resolved(), "a refused acknowledgment changes nothing");
        assertEquals(NtStatus.STATUS_SUCCESS, table.acknowledgeLease(CLIENT, holder.lease().key(), R).status());
        assertTrue(pending.resolved());
        assertEquals(R, holder.lease().state);

        SmbOpen third = open(false);
        assertEquals(R | H, join(third, lease(3, R | W | H)).leaseAnswer().leaseState(), "others are open: no W");
        assertEquals(2, table.leaseCount(), "the holder's and the third's: the second never joined");
        table.released(third);
        assertEquals(1, table.leaseCount(), "a lease goes with its last open");
    }

    @Test
    void theTimerAndACloseEndABreakAndLeaveNoOplock() {
        SmbOpen holder = open(false);
        join(holder, oplock(OplockLevel.BATCH));
        PendingBreak pending = table.breaksFor(opens, open(false), oplock(OplockLevel.NONE), false, false).waits()
                .get(0);
        List<Runnable> released = new ArrayList<>();
        pending.whenResolved(() -> released.add(() -> { }));
        table.timedOut(pending);
        assertTrue(pending.resolved());
        assertEquals(OplockLevel.NONE, holder.oplockLevel());
        assertEquals(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL, table.acknowledgeOplock(holder, OplockLevel.II).status());

        SmbOpen batch = open(false);
        opens.clear();
        join(batch, oplock(OplockLevel.BATCH));
        PendingBreak second = table.breaksFor(opens, open(false), oplock(OplockLevel.NONE), false, true).waits()
                .get(0);
        assertEquals(OplockLevel.NONE, second.breakTo, "an overwrite breaks to none");
        assertFalse(table.released(batch).isEmpty() && !second.resolved());
        assertTrue(second.resolved(), "closing the holder ends its break");
    }
}
