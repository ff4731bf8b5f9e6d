package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CompletionFilter;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.messages.SMB2ChangeNotifyResponse;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.share.Directory;
import com.hierynomus.smbj.share.DiskShare;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SMB2 CHANGE_NOTIFY with smbj: a watch waits (asynchronously) until the directory changes, through another session
 * here or behind the adapter's back, and is then answered STATUS_NOTIFY_ENUM_DIR; a CANCEL ends it.
 */
class SmbjChangeNotifyInteropTest {
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();

    @Test
    void aWatchIsAnsweredWhenAnotherClientChangesTheDirectory() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(41, "watched", false);
        try (SMBClient clientA = new SMBClient(); SMBClient clientB = new SMBClient();
             Connection a = clientA.connect("127.0.0.1", SERVER.port());
             Connection b = clientB.connect("127.0.0.1", SERVER.port())) {
            DiskShare watcherShare = (DiskShare) a.authenticate(credentials()).connectShare("watched");
            DiskShare writerShare = (DiskShare) b.authenticate(credentials()).connectShare("watched");
            watcherShare.mkdir("inbox");
            SERVER.listener.files.addFile(41, List.of("inbox", "old.txt"), new byte[3], 0666);
            Directory inbox = watcherShare.openDirectory("inbox", EnumSet.of(AccessMask.GENERIC_READ), null,
                    SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null);

            Future<SMB2ChangeNotifyResponse> watch = inbox.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false);
            assertStillWaiting(watch, "nothing changed yet, so the watch waits");
            writerShare.openFile("inbox\\new.txt", EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_CREATE, null).close();
            SMB2ChangeNotifyResponse changed = watch.get(5, TimeUnit.SECONDS);
            assertEquals(NtStatus.STATUS_NOTIFY_ENUM_DIR.getValue(), changed.getHeader().getStatusCode());

            Future<SMB2ChangeNotifyResponse> again = inbox.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false);
            assertStillWaiting(again, "a new watch waits again");
            SERVER.listener.files.unlink(41, List.of("inbox", "old.txt"));
            assertEquals(NtStatus.STATUS_NOTIFY_ENUM_DIR.getValue(),
                    again.get(5, TimeUnit.SECONDS).getHeader().getStatusCode(), "a change behind the adapter's back");
            inbox.close();
        }
    }

    @Test
    void aCancelledWatchIsNeverAnsweredAndTheConnectionGoesOn() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(42, "cancelled", false);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            DiskShare share = (DiskShare) connection.authenticate(credentials()).connectShare("cancelled");
            share.mkdir("dir");
            SERVER.listener.files.addFile(42, List.of("dir", "file"), new byte[3], 0666);
            Directory dir = share.openDirectory("dir", EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN, null);
            Future<SMB2ChangeNotifyResponse> watch = dir.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false);
            Thread.sleep(500);
            assertFalse(watch.isDone());
            assertTrue(watch.cancel(true), "smbj sends SMB2 CANCEL");
            // the connection still answers: a listing, then a new watch that a change ends
            assertEquals(3, share.list("dir").size(), ". .. file");
            // a change while no watch is outstanding is not lost: the next watch on the open answers at once
            SERVER.listener.files.unlink(42, List.of("dir", "file"));
            Future<SMB2ChangeNotifyResponse> next = dir.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false);
            assertEquals(NtStatus.STATUS_NOTIFY_ENUM_DIR.getValue(),
                    next.get(5, TimeUnit.SECONDS).getHeader().getStatusCode());
            dir.close();
        }
    }

    /** smbj reports a wait that outlasts get's timeout as an ExecutionException around a TimeoutException. */
    private static void assertStillWaiting(Future<?> watch, String why) throws InterruptedException {
        try {
            watch.get(700, TimeUnit.MILLISECONDS);
            throw new AssertionError(why + ": it was answered");
        } catch (TimeoutException | ExecutionException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof TimeoutException)) {
                cause = cause.getCause();
            }
            assertTrue(cause instanceof TimeoutException, () -> why + ": " + e);
        }
    }

    private static AuthenticationContext credentials() {
        return new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP");
    }
}
