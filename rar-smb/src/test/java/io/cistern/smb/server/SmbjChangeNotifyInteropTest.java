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
 * SMB2 CHANGE_NOTIFY with smbj: a watch waits (asynchronously) until the application tells of a change, made through
 * another session here or behind the adapter's back, and is then answered with the changes (FILE_NOTIFY_INFORMATION);
 * changes between two requests are kept for the next; a CANCEL ends one request, a CLOSE the watch.
 */
class SmbjChangeNotifyInteropTest {
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();

    @Test
    void aWatchIsAnsweredWhenAnotherClientChangesTheDirectory() throws Exception {
        withTwoSessions(41, "watched", (watcherShare, writerShare) -> {
            watcherShare.mkdir("inbox");
            SERVER.listener.files.addFile(41, List.of("inbox", "old.txt"), new byte[3], 0666);
            Directory inbox = openForReading(watcherShare, "inbox");

            Future<SMB2ChangeNotifyResponse> watch = inbox.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false);
            assertStillWaiting(watch, "nothing changed yet, so the watch waits");
            writerShare.openFile("inbox\\new.txt", EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_CREATE, null).close();
            SMB2ChangeNotifyResponse changed = watch.get(5, TimeUnit.SECONDS);
            assertEquals(NtStatus.STATUS_SUCCESS.getValue(), changed.getHeader().getStatusCode());
            assertEquals(List.of("FILE_ACTION_ADDED new.txt"), changes(changed));

            Future<SMB2ChangeNotifyResponse> again = inbox.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false);
            assertStillWaiting(again, "a new watch waits again");
            SERVER.listener.files.unlink(41, List.of("inbox", "old.txt"));
            assertEquals(List.of("FILE_ACTION_REMOVED old.txt"), changes(again.get(5, TimeUnit.SECONDS)),
                    "a change behind the adapter's back");

            try (com.hierynomus.smbj.share.File moved = writerShare.openFile("inbox\\new.txt",
                    EnumSet.of(AccessMask.DELETE, AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN, null)) {
                moved.rename("inbox\\renamed.txt");
            }
            writerShare.rm("inbox\\renamed.txt");
            assertEquals(List.of("FILE_ACTION_RENAMED_OLD_NAME new.txt", "FILE_ACTION_RENAMED_NEW_NAME renamed.txt",
                            "FILE_ACTION_REMOVED renamed.txt"),
                    changes(inbox.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false)
                            .get(5, TimeUnit.SECONDS)), "changes while no request waited, kept in order");
            assertEquals(1, SERVER.listener.files.watchCount());
            inbox.close();
            assertEquals(0, SERVER.listener.files.watchCount(), "the watch ends with its open");
        });
    }

    /**
     * smbtorture's smb2.notify.valid-req: a file removed, created and written while no request waits is one answer,
     * the write's change among them although the application tells it apart from the others, later.
     */
    @Test
    void anAnswerFromWhatWasKeptHasTheWritesNotToldYet() throws Exception {
        withTwoSessions(46, "written", (watcherShare, writerShare) -> {
            watcherShare.mkdir("dir");
            SERVER.listener.files.addFile(46, List.of("dir", "old.txt"), new byte[3], 0666);
            Directory dir = openForReading(watcherShare, "dir");
            Future<SMB2ChangeNotifyResponse> first = dir.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false);
            assertStillWaiting(first, "the watch has started");
            SERVER.listener.files.unlink(46, List.of("dir", "old.txt"));
            assertEquals(List.of("FILE_ACTION_REMOVED old.txt"), changes(first.get(5, TimeUnit.SECONDS)));

            SERVER.listener.files.addFile(46, List.of("dir", "new.txt"), new byte[3], 0666);
            SERVER.listener.files.writtenUntold(46, List.of("dir", "new.txt"));
            // the addition reaches the watch through the connection's event loop, queued; this test's workers run on
            // that loop, so a request read before the queue runs would be answered before the addition arrived (a
            // real worker's answer queues behind it). A round trip on the same connection lets the queue run first.
            watcherShare.list("dir");
            assertEquals(List.of("FILE_ACTION_ADDED new.txt", "FILE_ACTION_MODIFIED new.txt"),
                    changes(dir.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false).get(5, TimeUnit.SECONDS)),
                    "the kept addition and the write not told yet, in one answer");
            dir.close();
        });
    }

    @Test
    void aCancelledWatchIsNeverAnsweredAndTheConnectionGoesOn() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(42, "cancelled", false);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            DiskShare share = (DiskShare) connection.authenticate(credentials()).connectShare("cancelled");
            share.mkdir("dir");
            SERVER.listener.files.addFile(42, List.of("dir", "file"), new byte[3], 0666);
            Directory dir = openForReading(share, "dir");
            Future<SMB2ChangeNotifyResponse> watch = dir.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false);
            Thread.sleep(500);
            assertFalse(watch.isDone());
            assertTrue(watch.cancel(true), "smbj sends SMB2 CANCEL");
            // the connection still answers: a listing, then a new watch that a change ends
            assertEquals(3, share.list("dir").size(), ". .. file");
            // a change while no watch is outstanding is not lost: the next watch on the open answers at once
            SERVER.listener.files.unlink(42, List.of("dir", "file"));
            Future<SMB2ChangeNotifyResponse> next = dir.watchAsync(EnumSet.allOf(SMB2CompletionFilter.class), false);
            assertEquals(List.of("FILE_ACTION_REMOVED file"), changes(next.get(5, TimeUnit.SECONDS)));
            dir.close();
        }
    }

    @Test
    void changesThatDoNotFitTheBufferAreEnumDirAndAClosedOpenIsCleanup() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(43, "small", false);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            DiskShare share = (DiskShare) connection.authenticate(credentials()).connectShare("small");
            share.mkdir("dir");
            Directory dir = openForReading(share, "dir");
            // smbj asks for a buffer of the negotiated MaxTransactSize: many long names overflow it at last
            Future<SMB2ChangeNotifyResponse> first = dir.watchAsync(
                    EnumSet.of(SMB2CompletionFilter.FILE_NOTIFY_CHANGE_FILE_NAME), false);
            assertStillWaiting(first, "the watch has started once the request went asynchronous");
            SERVER.listener.files.addFile(43, List.of("dir", "one"), new byte[1], 0666);
            assertEquals(List.of("FILE_ACTION_ADDED one"), changes(first.get(5, TimeUnit.SECONDS)));
            String longName = "n".repeat(250);
            for (int i = 0; i < 8_000; i++) {
                SERVER.listener.files.addFile(43, List.of("dir", longName.substring(5) + i), new byte[0], 0666);
            }
            Future<SMB2ChangeNotifyResponse> overflowed = dir.watchAsync(
                    EnumSet.of(SMB2CompletionFilter.FILE_NOTIFY_CHANGE_FILE_NAME), false);
            assertEquals(NtStatus.STATUS_NOTIFY_ENUM_DIR.getValue(),
                    overflowed.get(5, TimeUnit.SECONDS).getHeader().getStatusCode());

            // changes the event loop took after the answer are newer than it, and kept: drain them
            Future<SMB2ChangeNotifyResponse> waiting;
            int answered = 0;
            while (true) {
                waiting = dir.watchAsync(EnumSet.of(SMB2CompletionFilter.FILE_NOTIFY_CHANGE_FILE_NAME), false);
                Thread.sleep(500);
                if (!waiting.isDone()) {
                    break;
                }
                assertTrue(++answered < 100, "the changes end");
            }
            dir.close();
            assertEquals(NtStatus.STATUS_NOTIFY_CLEANUP.getValue(),
                    waiting.get(5, TimeUnit.SECONDS).getHeader().getStatusCode());
        }
    }

    @Test
    void aWatchedDirectoryAnotherSessionDeletesAnswersDeletePending() throws Exception {
        withTwoSessions(44, "deleted", (watcherShare, deleterShare) -> {
            watcherShare.mkdir("doomed");
            Directory doomed = openForReading(watcherShare, "doomed");
            Future<SMB2ChangeNotifyResponse> watch = doomed.watchAsync(
                    EnumSet.of(SMB2CompletionFilter.FILE_NOTIFY_CHANGE_FILE_NAME), false);
            assertStillWaiting(watch, "nothing changed yet");
            deleterShare.rmdir("doomed", false);   // delete-on-close, then close: pending while the watcher holds it
            assertEquals(NtStatus.STATUS_DELETE_PENDING.getValue(),
                    watch.get(5, TimeUnit.SECONDS).getHeader().getStatusCode());
            Future<SMB2ChangeNotifyResponse> after = doomed.watchAsync(
                    EnumSet.of(SMB2CompletionFilter.FILE_NOTIFY_CHANGE_FILE_NAME), false);
            assertEquals(NtStatus.STATUS_DELETE_PENDING.getValue(),
                    after.get(5, TimeUnit.SECONDS).getHeader().getStatusCode(), "and so is the next request");
            doomed.close();
        });
    }

    /** smbtorture smb2.notify.rmdir4 sends its CHANGE_NOTIFY and the rmdir together; the rmdir may arrive first. */
    @Test
    void aDirectoryDeletePendingBeforeItsFirstWatchAnswersDeletePendingAtOnce() throws Exception {
        withTwoSessions(45, "raced", (watcherShare, deleterShare) -> {
            watcherShare.mkdir("doomed");
            Directory doomed = openForReading(watcherShare, "doomed");
            deleterShare.rmdir("doomed", false);
            Future<SMB2ChangeNotifyResponse> watch = doomed.watchAsync(
                    EnumSet.of(SMB2CompletionFilter.FILE_NOTIFY_CHANGE_FILE_NAME), false);
            assertEquals(NtStatus.STATUS_DELETE_PENDING.getValue(),
                    watch.get(5, TimeUnit.SECONDS).getHeader().getStatusCode());
            doomed.close();
            assertFalse(watcherShare.folderExists("doomed"), "it went with the last open");
        });
    }

    /** A test body over two sessions of one account on one share, each on a connection of its own. */
    @FunctionalInterface
    private interface TwoSessions {
        void run(DiskShare watcherShare, DiskShare otherShare) throws Exception;
    }

    private static void withTwoSessions(int shareId, String shareName, TwoSessions test) throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(shareId, shareName, false);
        try (SMBClient clientA = new SMBClient(); SMBClient clientB = new SMBClient();
             Connection a = clientA.connect("127.0.0.1", SERVER.port());
             Connection b = clientB.connect("127.0.0.1", SERVER.port())) {
            test.run((DiskShare) a.authenticate(credentials()).connectShare(shareName),
                    (DiskShare) b.authenticate(credentials()).connectShare(shareName));
        }
    }

    /** An open of a directory with the right to list it, which a watch needs, sharing everything. */
    private static Directory openForReading(DiskShare share, String path) {
        return share.openDirectory(path, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, null);
    }

    private static List<String> changes(SMB2ChangeNotifyResponse response) {
        assertEquals(NtStatus.STATUS_SUCCESS.getValue(), response.getHeader().getStatusCode());
        return response.getFileNotifyInfoList().stream().map(c -> c.getAction() + " " + c.getFileName()).toList();
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
