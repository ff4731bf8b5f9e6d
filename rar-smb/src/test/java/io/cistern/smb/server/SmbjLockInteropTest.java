package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMB2LockFlag;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.mssmb2.messages.SMB2LockRequest;
import com.hierynomus.mssmb2.messages.SMB2LockResponse;
import com.hierynomus.mssmb2.messages.submodule.SMB2LockElement;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SMB2 LOCK between two smbj sessions: conflicts, all-or-nothing requests, unlock, release on CLOSE, and locks that
 * wait (asynchronously) until granted, cancelled or their open is closed.
 */
class SmbjLockInteropTest {
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();

    @Test
    void twoSessionsContendForARangeUntilTheHolderLetsGo() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(31, "locks", false);
        SERVER.listener.files.addFile(31, List.of("ledger"), new byte[1000], 0666);
        try (SMBClient clientA = new SMBClient(); SMBClient clientB = new SMBClient();
             Connection a = clientA.connect("127.0.0.1", SERVER.port());
             Connection b = clientB.connect("127.0.0.1", SERVER.port())) {
            DiskShare shareA = (DiskShare) a.authenticate(credentials()).connectShare("locks");
            DiskShare shareB = (DiskShare) b.authenticate(credentials()).connectShare("locks");
            File fileA = open(shareA);
            File fileB = open(shareB);

            fileA.requestLock().exclusiveLock(0, 100, true).send();
            assertNotGranted(() -> fileB.requestLock().sharedLock(50, 10, true).send());
            // all or nothing: the free range B asked for first is released again when the second conflicts
            assertNotGranted(() -> fileB.requestLock().exclusiveLock(500, 10, true).exclusiveLock(0, 1, true).send());
            assertEquals(1, SERVER.listener.locks.size(), "only A's lock is held: " + SERVER.listener.locks);

            fileB.requestLock().sharedLock(100, 100, true).send();
            fileA.requestLock().unlock(0, 100).send();
            fileB.requestLock().exclusiveLock(0, 100, true).send();
            assertNotGranted(() -> fileA.requestLock().sharedLock(0, 1, true).send());

            fileB.close();
            assertTrue(SERVER.listener.locks.isEmpty(), "CLOSE releases the open's locks: " + SERVER.listener.locks);
            fileA.requestLock().exclusiveLock(0, 1000, true).send();
            fileA.close();
        }
    }

    @Test
    void aLockThatMayWaitIsGrantedOnceTheHolderLetsGo() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(33, "waits", false);
        SERVER.listener.files.addFile(33, List.of("ledger"), new byte[1000], 0666);
        try (SMBClient clientA = new SMBClient(); SMBClient clientB = new SMBClient();
             Connection a = clientA.connect("127.0.0.1", SERVER.port());
             Connection b = clientB.connect("127.0.0.1", SERVER.port())) {
            File fileA = open((DiskShare) a.authenticate(credentials()).connectShare("waits"));
            File fileB = open((DiskShare) b.authenticate(credentials()).connectShare("waits"));
            fileA.requestLock().exclusiveLock(0, 100, true).send();

            CompletableFuture<Void> waiting = CompletableFuture.runAsync(
                    () -> fileB.requestLock().exclusiveLock(99, 1, false).send());
            Thread.sleep(400);
            assertFalse(waiting.isDone(), "B waits while A holds the range");
            fileA.requestLock().unlock(0, 100).send();
            waiting.get(10, TimeUnit.SECONDS);
            assertNotGranted(() -> fileA.requestLock().exclusiveLock(99, 1, true).send());

            CompletableFuture<Void> closed = CompletableFuture.runAsync(
                    () -> fileA.requestLock().exclusiveLock(99, 1, false).send());
            Thread.sleep(400);
            assertFalse(closed.isDone(), "A waits for B");
            fileA.close();
            ExecutionException ended = assertThrows(ExecutionException.class, () -> closed.get(10, TimeUnit.SECONDS));
            assertEquals(NtStatus.STATUS_RANGE_NOT_LOCKED, ((SMBApiException) ended.getCause()).getStatus(),
                    "a close ends the wait of its open's lock");
            fileB.close();
            assertTrue(SERVER.listener.locks.isEmpty(), "nothing is left locked: " + SERVER.listener.locks);
        }
    }

    @Test
    void aCancelEndsAWaitingLockWhichIsNeverTaken() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(34, "cancels", false);
        SERVER.listener.files.addFile(34, List.of("ledger"), new byte[1000], 0666);
        try (SMBClient clientA = new SMBClient(); SMBClient clientB = new SMBClient();
             Connection a = clientA.connect("127.0.0.1", SERVER.port());
             Connection b = clientB.connect("127.0.0.1", SERVER.port())) {
            File fileA = open((DiskShare) a.authenticate(credentials()).connectShare("cancels"));
            Session sessionB = b.authenticate(credentials());
            DiskShare shareB = (DiskShare) sessionB.connectShare("cancels");
            File fileB = open(shareB);
            fileA.requestLock().exclusiveLock(0, 100, true).send();

            Future<SMB2LockResponse> waiting = sessionB.send(new SMB2LockRequest(
                    b.getNegotiatedProtocol().getDialect(), sessionB.getSessionId(),
                    shareB.getTreeConnect().getTreeId(), (short) 0, 0, fileB.getFileId(),
                    List.of(new SMB2LockElement(10, 10, EnumSet.of(SMB2LockFlag.SMB2_LOCKFLAG_EXCLUSIVE_LOCK)))));
            Thread.sleep(400);
            assertFalse(waiting.isDone(), "B waits while A holds the range");
            assertTrue(waiting.cancel(true), "smbj sends SMB2 CANCEL for it");
            Thread.sleep(300);
            fileA.requestLock().unlock(0, 100).send();
            Thread.sleep(PendingLock.MAX_PAUSE_MILLIS * 2);
            assertTrue(SERVER.listener.locks.isEmpty(), "the cancelled lock is never taken: " + SERVER.listener.locks);
            // the connection goes on: B can take the range now, failing at once if it could not
            fileB.requestLock().exclusiveLock(10, 10, true).send();
            fileB.close();
            fileA.close();
        }
    }

    @Test
    void mixingLocksAndUnlocksInOneRequestIsInvalid() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(32, "mixed", false);
        SERVER.listener.files.addFile(32, List.of("file"), new byte[10], 0666);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            DiskShare share = (DiskShare) connection.authenticate(credentials()).connectShare("mixed");
            File file = share.openFile("file", EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE), null,
                    SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null);
            SMBApiException lockThenUnlock = assertThrows(SMBApiException.class,
                    () -> file.requestLock().exclusiveLock(5, 1, true).unlock(0, 1).send());
            assertEquals(NtStatus.STATUS_INVALID_PARAMETER, lockThenUnlock.getStatus());
            assertTrue(SERVER.listener.locks.isEmpty(), "a series of locks with an unlock in it takes nothing");

            // a series of unlocks is done in order up to the element that is not an unlock, as Windows does
            SMBApiException notHeld = assertThrows(SMBApiException.class,
                    () -> file.requestLock().unlock(0, 1).exclusiveLock(5, 1, true).send());
            assertEquals(NtStatus.STATUS_RANGE_NOT_LOCKED, notHeld.getStatus(), "the first unlock fails first");
            file.requestLock().exclusiveLock(0, 1, true).send();
            SMBApiException unlockThenLock = assertThrows(SMBApiException.class,
                    () -> file.requestLock().unlock(0, 1).exclusiveLock(5, 1, true).send());
            assertEquals(NtStatus.STATUS_INVALID_PARAMETER, unlockThenLock.getStatus());
            assertTrue(SERVER.listener.locks.isEmpty(), "the unlock before the invalid element was done, the lock "
                    + "after it not taken: " + SERVER.listener.locks);
            file.close();
        }
    }

    private static void assertNotGranted(org.junit.jupiter.api.function.Executable request) {
        SMBApiException refused = assertThrows(SMBApiException.class, request);
        assertEquals(NtStatus.STATUS_LOCK_NOT_GRANTED, refused.getStatus());
    }

    private static File open(DiskShare share) {
        return share.openFile("ledger", EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE), null,
                SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null);
    }

    private static AuthenticationContext credentials() {
        return new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP");
    }
}
