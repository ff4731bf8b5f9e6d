package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2CreateOptions;
import com.hierynomus.mssmb2.SMB2ImpersonationLevel;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.messages.SMB2CreateRequest;
import com.hierynomus.mssmb2.messages.SMB2CreateResponse;
import com.hierynomus.smb.SMBBuffer;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.common.SmbPath;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Oplocks against the running server with smbj, two clients on two connections: one holds a batch oplock, the other
 * opens the same file, and its CREATE is held ([MS-SMB2] 3.3.5.9: STATUS_PENDING, then the answer) while the
 * holder's break is outstanding, until the holder lets go. smbj 0.14.0 neither asks for oplocks nor hears break
 * notifications (it drops a message of MessageId 0xFFFFFFFFFFFFFFFF), so the holder's CREATE is smbj's own with its
 * RequestedOplockLevel set, and the holder lets go by disconnecting, as a client that never acknowledges does.
 */
@ExtendWith(SharedCistern.class)
class SmbOplockIT {
    private static final String SHARE = "data";
    private static final int BATCH = 0x09;
    /** OplockLevel in a CREATE response: after the 64-byte header and StructureSize (2.2.14). */
    private static final int GRANTED_OPLOCK_AT = 64 + 2;

    /**
     * smbj's CREATE with RequestedOplockLevel BATCH (the fourth byte of the body, 2.2.13). The body is written to a
     * buffer of its own and copied, since on a signing session smbj's buffer is a wrapper that only passes writes on.
     */
    private static final class BatchCreate extends SMB2CreateRequest {
        BatchCreate(Session session, DiskShare share, String name) {
            super(session.getConnection().getNegotiatedProtocol().getDialect(), session.getSessionId(),
                    share.getTreeConnect().getTreeId(), SMB2ImpersonationLevel.Impersonation,
                    EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE), null,
                    EnumSet.allOf(SMB2ShareAccess.class), SMB2CreateDisposition.FILE_OPEN_IF,
                    EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE), new SmbPath(share.getSmbPath(), name));
        }

        @Override
        protected void writeTo(SMBBuffer buffer) {
            SMBBuffer own = new SMBBuffer();
            super.writeTo(own);
            byte[] body = own.getCompactData();
            body[3] = (byte) BATCH;
            buffer.putRawBytes(body);
        }
    }

    private static Session logOn(SMBClient client, CisternProcess cistern) throws Exception {
        Connection connection = client.connect("127.0.0.1", cistern.smbPort());
        return connection.authenticate(new AuthenticationContext("admin",
                CisternProcess.ADMIN_PASSWORD.toCharArray(), ""));
    }

    @Test
    void aSecondClientsOpenWaitsUntilTheBatchOplockHolderLetsGo(CisternProcess cistern) throws Exception {
        String name = "oplock-" + UUID.randomUUID().toString().substring(0, 8) + ".txt";
        byte[] content = "cached by the holder".getBytes(StandardCharsets.UTF_8);
        SMBClient holderClient = new SMBClient();
        try (SMBClient otherClient = new SMBClient()) {
            Session holder = logOn(holderClient, cistern);
            DiskShare holderShare = (DiskShare) holder.connectShare(SHARE);
            try (File file = holderShare.openFile(name, EnumSet.of(AccessMask.GENERIC_WRITE), null,
                    EnumSet.allOf(SMB2ShareAccess.class), SMB2CreateDisposition.FILE_CREATE, null)) {
                file.write(content, 0);
            }
            SMB2CreateResponse granted = holder.<SMB2CreateResponse>send(new BatchCreate(holder, holderShare, name))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(BATCH, granted.getBuffer().array()[GRANTED_OPLOCK_AT], "alone on the file: a batch oplock");

            DiskShare otherShare = (DiskShare) logOn(otherClient, cistern).connectShare(SHARE);
            CompletableFuture<byte[]> opened = CompletableFuture.supplyAsync(() -> {
                try (File file = otherShare.openFile(name, EnumSet.of(AccessMask.GENERIC_READ), null,
                        EnumSet.allOf(SMB2ShareAccess.class), SMB2CreateDisposition.FILE_OPEN, null)) {
                    byte[] read = new byte[content.length];
                    file.read(read, 0);
                    return read;
                }
            });
            Thread.sleep(1500);
            assertFalse(opened.isDone(), "the second CREATE waits for the holder's break");
            holder.getConnection().close(true);        // gone without acknowledging: its open and oplock go
            assertArrayEquals(content, opened.get(30, TimeUnit.SECONDS), "then it opens, and reads what was written");
        } finally {
            holderClient.close();
        }
    }
}
