package io.cistern.smb.server;

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
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch oplock between two smbj clients over the real pipeline on a loopback port: the second client's open waits
 * (STATUS_PENDING, which smbj waits through) while the holder's break is outstanding, and completes once the holder
 * is gone. smbj 0.14.0 asks for no oplocks and drops break notifications, so the holder's CREATE is smbj's own with
 * RequestedOplockLevel set ({@link BatchCreate}).
 */
class SmbjOplockInteropTest {
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();
    static final int BATCH = 0x09;
    /** OplockLevel in a CREATE response: after the 64-byte header and StructureSize ([MS-SMB2] 2.2.14). */
    static final int GRANTED_OPLOCK_AT = 64 + 2;

    /**
     * smbj's CREATE with RequestedOplockLevel BATCH (the fourth byte of the body, 2.2.13). The body is written to a
     * buffer of its own and copied, since on a signing session smbj's buffer is a wrapper that only passes writes on.
     */
    static final class BatchCreate extends SMB2CreateRequest {
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

    @Test
    void aSecondClientsOpenWaitsUntilTheBatchOplockHolderIsGone() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(41, "oplocks", false);
        byte[] content = {1, 2, 3, 4};
        SERVER.listener.files.addFile(41, List.of("cached"), content, 0666);
        SMBClient holderClient = new SMBClient();
        try (SMBClient otherClient = new SMBClient()) {
            Connection holderConnection = holderClient.connect("127.0.0.1", SERVER.port());
            Session holder = holderConnection.authenticate(credentials());
            DiskShare holderShare = (DiskShare) holder.connectShare("oplocks");
            SMB2CreateResponse granted = holder.<SMB2CreateResponse>send(new BatchCreate(holder, holderShare,
                    "cached")).get(10, TimeUnit.SECONDS);
            assertEquals(BATCH, granted.getBuffer().array()[GRANTED_OPLOCK_AT], "alone on the file: BATCH");

            DiskShare otherShare = (DiskShare) otherClient.connect("127.0.0.1", SERVER.port())
                    .authenticate(credentials()).connectShare("oplocks");
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try (File file = otherShare.openFile("cached", EnumSet.of(AccessMask.GENERIC_READ), null,
                        EnumSet.allOf(SMB2ShareAccess.class), SMB2CreateDisposition.FILE_OPEN, null)) {
                    byte[] bytes = new byte[content.length];
                    file.read(bytes, 0);
                    return bytes;
                }
            });
            Thread.sleep(500);
            assertFalse(read.isDone(), "the second CREATE waits for the holder's acknowledgment");
            holderConnection.close(true);              // gone without acknowledging: its open and oplock go
            assertArrayEquals(content, read.get(10, TimeUnit.SECONDS));
        } finally {
            holderClient.close();
        }
    }

    private static AuthenticationContext credentials() {
        return new AuthenticationContext("alice", "correct horse".toCharArray(), "");
    }
}
