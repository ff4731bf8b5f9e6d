package io.cistern.it;

import static io.cistern.it.NlmTestClient.Stat.DENIED;
import static io.cistern.it.NlmTestClient.Stat.GRANTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One lock manager for both protocols: an SMB client (smbj) and an NLM client contend for the same bytes of the same
 * file on the running server, each seeing the other's locks, and an SMB open's locks go with its CLOSE. SMB's reads
 * and writes honour every lock (Windows' mandatory locking); NFS's do not (POSIX locks are advisory).
 */
@ExtendWith(SharedCistern.class)
class SmbNlmLockingIT {
    private static final String DIRECTORY = "smb-nlm-locking-it";
    /** The first-start administrator's uid and gid, which own what the SMB session creates. */
    private static final int ADMIN_ID = 1000;

    @Test
    void smbAndNlmLocksExcludeEachOther(CisternProcess cistern) throws Exception {
        try (SMBClient smb = new SMBClient();
             Nfs3WireClient nfs = new Nfs3WireClient(cistern.nfsPort(), ADMIN_ID, ADMIN_ID);
             NlmTestClient nlm = new NlmTestClient(cistern.nfsPort(), "nlm-host", 77, ADMIN_ID, ADMIN_ID)) {
            DiskShare share = (DiskShare) smb.connect("127.0.0.1", cistern.smbPort())
                    .authenticate(new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""))
                    .connectShare("data");
            if (!share.folderExists(DIRECTORY)) {
                share.mkdir(DIRECTORY);
            }
            File smbFile = share.openFile(DIRECTORY + "\\shared.db", EnumSet.of(AccessMask.GENERIC_READ,
                    AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OVERWRITE_IF, null);
            smbFile.write(new byte[4096], 0);
            byte[] handle = nfs.lookup(nfs.lookup(nfs.mount("/data"), DIRECTORY), "shared.db");
            NlmGracePeriodCheck.awaitEndOfGracePeriod(nlm, handle, SharedCistern.NLM_GRACE_SECONDS);

            smbFile.requestLock().exclusiveLock(0, 100, true).send();
            assertEquals(DENIED, nlm.test(handle, false, 50, 10).status(), "NLM sees the SMB lock");
            assertEquals(DENIED, nlm.lock(handle, true, false, 99, 1));
            assertEquals(GRANTED, nlm.lock(handle, true, false, 100, 100), "bytes the SMB lock leaves free");

            SMBApiException refused = assertThrows(SMBApiException.class,
                    () -> smbFile.requestLock().sharedLock(150, 10, true).send());
            assertEquals(NtStatus.STATUS_LOCK_NOT_GRANTED, refused.getStatus(), "SMB sees the NLM lock");

            assertEquals(GRANTED, nlm.unlock(handle, 100, 100));
            smbFile.requestLock().sharedLock(150, 10, true).send();
            smbFile.close();
            assertEquals(GRANTED, nlm.lock(handle, true, false, 0, 0), "the SMB open's locks went with its CLOSE");
            assertEquals(GRANTED, nlm.unlock(handle, 0, 0));
        }
    }

    @Test
    void smbReadsAndWritesHonourLocksAndNfsWritesDoNot(CisternProcess cistern) throws Exception {
        try (SMBClient smb = new SMBClient();
             Nfs3WireClient nfs = new Nfs3WireClient(cistern.nfsPort(), ADMIN_ID, ADMIN_ID);
             NlmTestClient nlm = new NlmTestClient(cistern.nfsPort(), "nlm-host", 78, ADMIN_ID, ADMIN_ID)) {
            DiskShare share = (DiskShare) smb.connect("127.0.0.1", cistern.smbPort())
                    .authenticate(new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""))
                    .connectShare("data");
            if (!share.folderExists(DIRECTORY)) {
                share.mkdir(DIRECTORY);
            }
            String name = DIRECTORY + "\\mandatory.db";
            File holder = share.openFile(name, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE), null,
                    SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OVERWRITE_IF, null);
            holder.write(new byte[4096], 0);
            File other = share.openFile(name, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE), null,
                    SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null);
            byte[] handle = nfs.lookup(nfs.lookup(nfs.mount("/data"), DIRECTORY), "mandatory.db");
            NlmGracePeriodCheck.awaitEndOfGracePeriod(nlm, handle, SharedCistern.NLM_GRACE_SECONDS);

            holder.requestLock().exclusiveLock(0, 100, true).send();
            holder.write(new byte[] {1}, 10);
            assertEquals(NtStatus.STATUS_FILE_LOCK_CONFLICT, assertThrows(SMBApiException.class,
                    () -> other.read(new byte[10], 10)).getStatus(), "another open reads none of the range");
            assertEquals(NtStatus.STATUS_FILE_LOCK_CONFLICT, assertThrows(SMBApiException.class,
                    () -> other.write(new byte[] {2}, 99)).getStatus());
            other.write(new byte[] {3}, 100);
            nfs.write(handle, 20, new byte[] {4});
            byte[] read = new byte[21];
            holder.read(read, 0);
            assertEquals(4, read[20], "an NFS write is not stopped by an SMB lock: POSIX locks are advisory");
            holder.requestLock().unlock(0, 100).send();

            assertEquals(GRANTED, nlm.lock(handle, true, false, 200, 100));
            assertEquals(NtStatus.STATUS_FILE_LOCK_CONFLICT, assertThrows(SMBApiException.class,
                    () -> other.read(new byte[10], 250)).getStatus(), "an NLM lock refuses SMB reads too");
            other.read(new byte[10], 300);
            assertEquals(GRANTED, nlm.unlock(handle, 200, 100));
            other.read(new byte[10], 250);
            other.close();
            holder.close();
        }
    }
}
