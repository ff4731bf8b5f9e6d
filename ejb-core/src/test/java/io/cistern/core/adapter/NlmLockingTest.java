package io.cistern.core.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.locks.ByteRange;
import io.cistern.core.locks.LockManager;
import io.cistern.core.locks.LockOwner;
import io.cistern.core.locks.RangeLock;
import io.cistern.core.locks.ShareReservation;
import io.cistern.core.nsm.HostMonitor;
import io.cistern.core.nsm.MemoryHostRecords;
import io.cistern.core.nsm.MonitoredHost;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NlmGrantCallback;
import io.cistern.nfs.spi.NlmHolder;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NLM requests as the MDB passes them on: handle and permission checks, translation, and the manager's answer. */
class NlmLockingTest {
    private static final byte[] NOT_OUR_HANDLE = {1, 2, 3};

    private final LockingMetadata metadata = new LockingMetadata();
    private final LockManager locks = new LockManager(Duration.ZERO, System::nanoTime);
    private final MemoryHostRecords records = new MemoryHostRecords();
    private final NlmLocking locking = new NlmLocking(metadata, FakeMetadata.callers(metadata), locks,
            new HostMonitor(records));
    /** rw-rw-rw- owned by uid 1000 */
    private final Attributes file = metadata.file("data.db", 0666, 1000);
    private final byte[] handle = FakeMetadata.handle(file);
    private final NfsCaller fileOwner = FakeMetadata.caller(1000, "127.0.0.1");
    private final NfsCaller someoneElse = FakeMetadata.caller(2000, "127.0.0.2");

    static NlmLock nlmLock(String host, int svid, byte[] handle, long offset, long length) {
        return new NlmLock(host, handle, oh(host, svid), svid, offset, length);
    }

    static byte[] oh(String host, int svid) {
        return (svid + "@" + host).getBytes(StandardCharsets.US_ASCII);
    }

    private NlmLock alpha(long offset, long length) {
        return nlmLock("alpha", 1, handle, offset, length);
    }

    private NlmLock beta(long offset, long length) {
        return nlmLock("beta", 2, handle, offset, length);
    }

    private NlmStatus lock(NfsCaller who, NlmLock lock, boolean exclusive) {
        return NlmAnswers.answer("LOCK", () -> locking.lock(who, lock, exclusive, false, false, null), s -> s);
    }

    private NlmTestReply test(NfsCaller who, NlmLock lock, boolean exclusive) {
        return NlmAnswers.answer("TEST", () -> locking.test(who, lock, exclusive), s -> new NlmTestReply(s, null));
    }

    private NlmStatus unlock(NfsCaller who, NlmLock lock) {
        return NlmAnswers.answer("UNLOCK", () -> locking.unlock(who, lock), s -> s);
    }

    private NlmStatus share(NfsCaller who, NlmShare share) {
        return NlmAnswers.answer("SHARE", () -> locking.share(who, share, false), s -> s);
    }

    private List<RangeLock> held() {
        return locks.held(file.inodeId());
    }

    @Test
    void aGrantedLockIsHeldByTheClientsOwnerOnTheInode() {
        assertEquals(NlmStatus.GRANTED, lock(fileOwner, alpha(0, 10), true));
        LockOwner owner = new LockOwner(LockManager.NLM, "alpha", oh("alpha", 1), 1);
        assertEquals(List.of(new RangeLock(owner, new ByteRange(0, 9), true)), held());
    }

    @Test
    void testReportsTheHolderWithoutItsOwnerHandle() {
        lock(fileOwner, alpha(0, 10), true);
        NlmTestReply reply = test(someoneElse, beta(5, 1), false);
        assertEquals(NlmStatus.DENIED, reply.status());
        NlmHolder holder = reply.holder();
        assertEquals(true, holder.exclusive());
        assertEquals(1, holder.svid());
        assertArrayEquals(new byte[0], holder.owner());
        assertEquals(0, holder.offset());
        assertEquals(10, holder.length());
    }

    @Test
    void aHolderReachingTheEndIsReportedWithLengthZero() {
        lock(fileOwner, alpha(100, 0), false);
        NlmHolder holder = test(someoneElse, beta(0, 0), true).holder();
        assertEquals(100, holder.offset());
        assertEquals(0, holder.length());
        assertEquals(false, holder.exclusive());
    }

    @Test
    void testOfAFreeRangeIsGrantedWithoutAHolder() {
        lock(fileOwner, alpha(0, 10), true);
        NlmTestReply reply = test(someoneElse, beta(10, 10), true);
        assertEquals(NlmStatus.GRANTED, reply.status());
        assertNull(reply.holder());
    }

    @Test
    void aBlockedLockIsToldThroughTheAdaptersCallback() {
        List<Object[]> told = new ArrayList<>();
        NlmGrantCallback callback = (lock, exclusive) -> told.add(new Object[] {lock, exclusive});
        lock(fileOwner, alpha(0, 10), true);
        NlmLock request = beta(0, 10);
        assertEquals(NlmStatus.BLOCKED, locking.lock(someoneElse, request, true, true, false, callback));
        assertEquals(0, told.size());
        assertEquals(NlmStatus.GRANTED, unlock(fileOwner, alpha(0, 0)));
        assertEquals(1, told.size());
        assertSame(request, told.get(0)[0]);
        assertEquals(true, told.get(0)[1]);
    }

    @Test
    void aBlockingLockWithoutACallbackIsAnsweredAtOnce() {
        lock(fileOwner, alpha(0, 10), true);
        assertEquals(NlmStatus.DENIED, locking.lock(someoneElse, beta(0, 10), true, true, false, null));
        assertEquals(List.of(), locks.waiting(file.inodeId()));
    }

    @Test
    void twoClientsWaitingForEachOtherAreToldDeadlck() {
        NlmGrantCallback ignored = (lock, exclusive) -> { };
        lock(fileOwner, alpha(0, 10), true);
        lock(fileOwner, beta(10, 10), true);
        assertEquals(NlmStatus.BLOCKED, locking.lock(fileOwner, alpha(10, 10), true, true, false, ignored));
        assertEquals(NlmStatus.DEADLCK, locking.lock(fileOwner, beta(0, 10), true, true, false, ignored));
    }

    @Test
    void cancelIsGrantedWhetherOrNotARequestWasQueued() {
        lock(fileOwner, alpha(0, 10), true);
        assertEquals(NlmStatus.GRANTED, locking.cancel(someoneElse, beta(0, 10), true));
        locking.lock(someoneElse, beta(0, 10), true, true, false, (lock, exclusive) -> { });
        assertEquals(1, locks.waiting(file.inodeId()).size());
        assertEquals(NlmStatus.GRANTED, locking.cancel(someoneElse, beta(0, 10), true));
        assertEquals(List.of(), locks.waiting(file.inodeId()));
    }

    @Test
    void handlesThatAreNotOursAreStale() {
        NlmLock bad = nlmLock("alpha", 1, NOT_OUR_HANDLE, 0, 10);
        NlmShare badShare = new NlmShare("alpha", NOT_OUR_HANDLE, oh("alpha", 1), 0, 1);
        assertEquals(NlmStatus.STALE_FH, lock(fileOwner, bad, true));
        assertEquals(NlmStatus.STALE_FH, test(fileOwner, bad, false).status());
        assertEquals(NlmStatus.STALE_FH, unlock(fileOwner, bad));
        assertEquals(NlmStatus.STALE_FH, NlmAnswers.answer("CANCEL", () -> locking.cancel(fileOwner, bad, true),
                s -> s));
        assertEquals(NlmStatus.STALE_FH, share(fileOwner, badShare));
        assertEquals(NlmStatus.STALE_FH, NlmAnswers.answer("UNSHARE", () -> locking.unshare(fileOwner, badShare),
                s -> s));
    }

    @Test
    void aHandleOfAFileThatIsGoneIsStale() {
        byte[] gone = FakeMetadata.HANDLES.encode(new FileHandle(FakeMetadata.SHARE, 999, 1));
        assertEquals(NlmStatus.STALE_FH, lock(fileOwner, nlmLock("alpha", 1, gone, 0, 10), false));
    }

    @Test
    void aClientOutsideTheSharesNetworksIsDenied() {
        lock(someoneElse, beta(0, 10), false);
        metadata.refusedClients.add("127.0.0.2");
        assertEquals(NlmStatus.DENIED, lock(someoneElse, beta(20, 10), false));
        assertEquals(NlmStatus.DENIED, unlock(someoneElse, beta(0, 10)));
        assertEquals(1, held().size());
    }

    @Test
    void aSharedLockNeedsReadPermissionUnlessTheCallerOwnsTheFile() {
        metadata.chmod(file, 0600);
        assertEquals(NlmStatus.DENIED, lock(someoneElse, beta(0, 10), false));
        metadata.chmod(file, 0);
        assertEquals(NlmStatus.GRANTED, lock(fileOwner, alpha(0, 10), false));
        assertEquals(NlmStatus.GRANTED, lock(fileOwner, alpha(20, 10), true));
    }

    @Test
    void anExclusiveLockNeedsWritePermission() {
        metadata.chmod(file, 0644);
        assertEquals(NlmStatus.GRANTED, lock(someoneElse, beta(0, 10), false));
        assertEquals(NlmStatus.DENIED, lock(someoneElse, beta(20, 10), true));
        assertEquals(NlmStatus.DENIED, test(someoneElse, beta(20, 10), true).status());
    }

    @Test
    void anExclusiveLockOnAReadOnlyShareIsRofs() {
        metadata.readOnlyShare = true;
        assertEquals(NlmStatus.ROFS, lock(fileOwner, alpha(0, 10), true));
        assertEquals(NlmStatus.ROFS, test(fileOwner, alpha(0, 10), true).status());
        assertEquals(NlmStatus.GRANTED, lock(fileOwner, alpha(0, 10), false));
    }

    @Test
    void aDirectoryCannotBeLocked() {
        byte[] directory = FakeMetadata.handle(metadata.root());
        assertEquals(NlmStatus.FAILED, lock(fileOwner, nlmLock("alpha", 1, directory, 0, 0), false));
        assertEquals(NlmStatus.FAILED, lock(fileOwner, nlmLock("alpha", 1, directory, 0, 0), true));
    }

    @Test
    void anOffsetPastTheLastByteIsFbig() {
        assertEquals(NlmStatus.FBIG, lock(fileOwner, alpha(-1L, 1), true));
        assertEquals(NlmStatus.FBIG, test(fileOwner, alpha(Long.MIN_VALUE, 0), true).status());
        assertEquals(NlmStatus.FBIG, unlock(fileOwner, alpha(-5L, 0)));
        assertEquals(List.of(), held());
    }

    @Test
    void aLengthPastTheLastByteReachesTheEnd() {
        assertEquals(NlmStatus.GRANTED, lock(fileOwner, alpha(10, -1L), true));
        assertEquals(List.of(new ByteRange(10, ByteRange.END)), held().stream().map(RangeLock::range).toList());
    }

    @Test
    void unlockNeedsNoPermission() {
        lock(someoneElse, beta(0, 10), false);
        metadata.chmod(file, 0);
        assertEquals(NlmStatus.DENIED, lock(someoneElse, beta(20, 10), false));
        assertEquals(NlmStatus.GRANTED, unlock(someoneElse, beta(0, 0)));
        assertEquals(List.of(), held());
    }

    @Test
    void sharesTranslateFsh4AccessAndMode() {
        NlmShare alphaReadsDenyingWrite = new NlmShare("alpha", handle, oh("alpha", 1), 2, 1);
        assertEquals(NlmStatus.GRANTED, share(fileOwner, alphaReadsDenyingWrite));
        assertEquals(NlmStatus.DENIED, share(someoneElse, new NlmShare("beta", handle, oh("beta", 2), 0, 2)));
        assertEquals(NlmStatus.GRANTED, share(someoneElse, new NlmShare("beta", handle, oh("beta", 2), 0, 1)));
        LockOwner alphaShares = new LockOwner(LockManager.NLM, "alpha", oh("alpha", 1), 0);
        assertEquals(new ShareReservation(alphaShares, ShareReservation.READ, ShareReservation.WRITE),
                locks.shares(file.inodeId()).get(0));
    }

    @Test
    void unshareLetsOthersWrite() {
        share(fileOwner, new NlmShare("alpha", handle, oh("alpha", 1), 2, 1));
        NlmShare betaWrites = new NlmShare("beta", handle, oh("beta", 2), 0, 2);
        assertEquals(NlmStatus.DENIED, share(someoneElse, betaWrites));
        NlmShare alphaLetsGo = new NlmShare("alpha", handle, oh("alpha", 1), 0, 0);
        assertEquals(NlmStatus.GRANTED, locking.unshare(fileOwner, alphaLetsGo));
        assertEquals(NlmStatus.GRANTED, share(someoneElse, betaWrites));
    }

    @Test
    void aShareModeXnfsDoesNotDefineFails() {
        assertEquals(NlmStatus.FAILED, share(fileOwner, new NlmShare("alpha", handle, oh("alpha", 1), 4, 1)));
        assertEquals(NlmStatus.FAILED, share(fileOwner, new NlmShare("alpha", handle, oh("alpha", 1), 0, -1)));
        assertEquals(List.of(), locks.shares(file.inodeId()));
    }

    @Test
    void aShareNeedsReadPermission() {
        metadata.chmod(file, 0600);
        assertEquals(NlmStatus.DENIED, share(someoneElse, new NlmShare("beta", handle, oh("beta", 2), 0, 1)));
    }

    @Test
    void freeAllDropsOnlyTheNamedHost() {
        lock(fileOwner, alpha(0, 10), false);
        lock(someoneElse, beta(0, 10), false);
        locking.freeAll("alpha");
        assertEquals(List.of("beta"), held().stream().map(lock -> lock.owner().host()).toList());
    }

    @Test
    void aHostIsRecordedForRestartNoticesWhenItAsksForALockAndForgottenByFreeAll() {
        test(fileOwner, alpha(0, 10), true);
        assertEquals(List.of(), records.all(), "TEST takes nothing, so it records nothing");
        lock(fileOwner, alpha(0, 10), true);
        lock(fileOwner, alpha(20, 10), true);
        assertEquals(NlmStatus.DENIED, lock(someoneElse, beta(0, 10), true));
        assertEquals(List.of(new MonitoredHost("alpha", "127.0.0.1"), new MonitoredHost("beta", "127.0.0.2")),
                records.all(), "a refused request is recorded too, as lockd monitors before it decides");
        assertEquals(2, records.writes.get(), "once per host");
        locking.freeAll("alpha");
        assertEquals(List.of(new MonitoredHost("beta", "127.0.0.2")), records.all());
    }

    @Test
    void aLockWhoseHostCannotBeRecordedIsRefusedNoLocks() {
        records.broken = true;
        assertEquals(NlmStatus.DENIED_NOLOCKS, lock(fileOwner, alpha(0, 10), true));
        assertEquals(List.of(), held(), "not taken: the client could not reclaim it after a crash");
        records.broken = false;
        assertEquals(NlmStatus.GRANTED, lock(fileOwner, alpha(0, 10), true));
    }

    @Test
    void processesOfOneHostConflict() {
        lock(fileOwner, alpha(0, 10), true);
        assertEquals(NlmStatus.DENIED, lock(fileOwner, nlmLock("alpha", 2, handle, 0, 10), true));
    }

    @Test
    void duringTheGracePeriodOnlyReclaimsAreServed() {
        LockManager starting = new LockManager(Duration.ofSeconds(45), () -> 0L);
        NlmLocking justStarted = new NlmLocking(metadata, FakeMetadata.callers(metadata), starting,
                new HostMonitor(records));
        assertEquals(NlmStatus.DENIED_GRACE_PERIOD, justStarted.lock(fileOwner, alpha(0, 10), true, false, false,
                null));
        assertEquals(NlmStatus.GRANTED, justStarted.lock(fileOwner, alpha(0, 10), true, false, true, null));
        assertEquals(NlmStatus.DENIED_GRACE_PERIOD, justStarted.test(someoneElse, beta(0, 10), false).status());
    }

    @Test
    void anUnexpectedFailureIsAnsweredFailed() {
        metadata.broken = true;
        assertEquals(NlmStatus.FAILED, lock(fileOwner, alpha(0, 10), false));
        assertEquals(NlmStatus.FAILED, test(fileOwner, alpha(0, 10), false).status());
    }
}
