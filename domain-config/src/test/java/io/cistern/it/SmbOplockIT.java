package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Oplocks and leases against the running server with smbj, two clients on two connections: one holds a batch oplock,
 * the other opens the same file, and its CREATE is held ([MS-SMB2] 3.3.5.9: STATUS_PENDING, then the answer) while
 * the holder's break is outstanding, until the holder lets go; and one holds a read-handle lease while the other
 * renames the file or marks it for deletion through an open of its own, which waits ([MS-FSA] 2.1.4.12: the lease's
 * handle caching breaks first) until the holder lets go. smbj 0.14.0 neither asks for oplocks or leases nor hears
 * break notifications (it drops a message of MessageId 0xFFFFFFFFFFFFFFFF), so the holder's CREATE is smbj's own with
 * its RequestedOplockLevel set (and a lease context added), and the holder lets go by disconnecting, as a client that
 * never acknowledges does.
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
    private static class BatchCreate extends SMB2CreateRequest {
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

    /**
     * smbj's CREATE asking for a version 1 lease (RequestedOplockLevel SMB2_OPLOCK_LEVEL_LEASE and an RqLs context,
     * 2.2.13.2.8) of read and handle caching: the context goes after the name, 8-byte aligned, and the body's
     * CreateContextsOffset and CreateContextsLength name it.
     */
    private static final class LeaseCreate extends BatchCreate {
        private static final int LEASE = 0xFF;
        private static final int READ_HANDLE = 0x01 | 0x02;
        private static final int HEADER = 64;
        private static final int FIXED_BODY = 56;

        LeaseCreate(Session session, DiskShare share, String name) {
            super(session, share, name);
        }

        @Override
        protected void writeTo(SMBBuffer buffer) {
            SMBBuffer own = new SMBBuffer();
            super.writeTo(own);
            byte[] body = own.getCompactData();
            body[3] = (byte) LEASE;
            int nameLength = (body[46] & 0xFF) | (body[47] & 0xFF) << 8;
            int contextAt = (HEADER + FIXED_BODY + nameLength + 7) & ~7;
            ByteBuffer out = ByteBuffer.allocate(contextAt - HEADER + 56).order(ByteOrder.LITTLE_ENDIAN);
            out.put(body, 0, Math.min(body.length, contextAt - HEADER));
            out.putInt(48, contextAt).putInt(52, 56);
            out.position(contextAt - HEADER);
            out.putInt(0).putShort((short) 16).putShort((short) 4).putShort((short) 0).putShort((short) 24)
                    .putInt(32).put("RqLs".getBytes(StandardCharsets.US_ASCII)).putInt(0);
            out.putLong(0x1ea5eL).putLong(0xcafeL).putInt(READ_HANDLE).putInt(0).putLong(0);
            buffer.putRawBytes(out.array());
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

    @Test
    void aRenameThroughAnotherClientsOpenWaitsUntilTheLeaseHolderLetsGo(CisternProcess cistern) throws Exception {
        handleCachingHeldWhile(cistern, "rename", (file, name) -> file.rename(name + ".moved"),
                (share, name) -> !share.fileExists(name) && share.fileExists(name + ".moved"));
    }

    @Test
    void aDeleteThroughAnotherClientsOpenWaitsUntilTheLeaseHolderLetsGo(CisternProcess cistern) throws Exception {
        handleCachingHeldWhile(cistern, "delete", (file, name) -> file.deleteOnClose(),
                (share, name) -> !share.fileExists(name));
    }

    /** What the second client does through its open of the file. */
    private interface Change {
        void apply(File file, String name) throws Exception;
    }

    /** Whether the share shows the change once that open is closed. */
    private interface Shown {
        boolean in(DiskShare share, String name) throws Exception;
    }

    /**
     * A holds an RH lease on a new file; B opens it for DELETE (which breaks nothing: no write caching to lose) and
     * makes its change, which must wait while A's handle caching is breaking, and go through once A disconnects.
     */
    private static void handleCachingHeldWhile(CisternProcess cistern, String what, Change change, Shown shown)
            throws Exception {
        String name = what + "-" + UUID.randomUUID().toString().substring(0, 8) + ".txt";
        SMBClient holderClient = new SMBClient();
        try (SMBClient otherClient = new SMBClient()) {
            Session holder = logOn(holderClient, cistern);
            DiskShare holderShare = (DiskShare) holder.connectShare(SHARE);
            try (File file = holderShare.openFile(name, EnumSet.of(AccessMask.GENERIC_WRITE), null,
                    EnumSet.allOf(SMB2ShareAccess.class), SMB2CreateDisposition.FILE_CREATE, null)) {
                file.write("held".getBytes(StandardCharsets.UTF_8), 0);
            }
            SMB2CreateResponse granted = holder.<SMB2CreateResponse>send(new LeaseCreate(holder, holderShare, name))
                    .get(30, TimeUnit.SECONDS);
            assertEquals((byte) 0xFF, granted.getBuffer().array()[GRANTED_OPLOCK_AT], "a lease was granted");

            DiskShare otherShare = (DiskShare) logOn(otherClient, cistern).connectShare(SHARE);
            File file = otherShare.openFile(name, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.DELETE), null,
                    EnumSet.allOf(SMB2ShareAccess.class), SMB2CreateDisposition.FILE_OPEN, null);
            CompletableFuture<Void> changed = CompletableFuture.runAsync(() -> {
                try {
                    change.apply(file, name);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            assertFalse(changed.isDone(), "the " + what + " waits for the holder's handle caching to break");
            holder.getConnection().close(true);        // gone without acknowledging: its open and lease go
            changed.get(30, TimeUnit.SECONDS);
            file.close();
            assertTrue(shown.in(otherShare, name), "then the " + what + " is done");
        } finally {
            holderClient.close();
        }
    }
}
