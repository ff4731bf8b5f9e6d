package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SMB2 LOCK between two smbj sessions: conflicts, all-or-nothing requests, unlock, and release on CLOSE. */
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
            assertNotGranted(() -> fileB.requestLock().exclusiveLock(99, 1, false).send());
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
    void mixingLocksAndUnlocksInOneRequestIsInvalid() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(32, "mixed", false);
        SERVER.listener.files.addFile(32, List.of("file"), new byte[10], 0666);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            DiskShare share = (DiskShare) connection.authenticate(credentials()).connectShare("mixed");
            File file = share.openFile("file", EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE), null,
                    SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null);
            SMBApiException mixed = assertThrows(SMBApiException.class,
                    () -> file.requestLock().unlock(0, 1).exclusiveLock(5, 1, true).send());
            assertEquals(NtStatus.STATUS_INVALID_PARAMETER, mixed.getStatus());
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
