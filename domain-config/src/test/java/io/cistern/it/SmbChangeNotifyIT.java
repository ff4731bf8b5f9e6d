package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CompletionFilter;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.messages.SMB2ChangeNotifyResponse;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.Directory;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SMB2 CHANGE_NOTIFY against the running server: an smbj watch on a directory is told, by name and action, what
 * another SMB session and an NFS client changed in it (creations, a rename, a removal, an attribute change), and a
 * watch of the subtree what changed two levels down. The changes travel from ejb-core's commit through the hub to the
 * adapter, so this covers every protocol's path into it. Writes over SMB and NFS are told as they are journaled,
 * long before the uploader stores them. Each test works in a directory of its own on the shared
 * server's default share.
 */
@ExtendWith(SharedCistern.class)
class SmbChangeNotifyIT {
    private static final String SHARE = "data";
    /** The first-start administrator's uid and gid, which own what the SMB session creates. */
    private static final int ADMIN_ID = 1000;
    private static final Set<SMB2CompletionFilter> NAMES = EnumSet.of(SMB2CompletionFilter.FILE_NOTIFY_CHANGE_FILE_NAME,
            SMB2CompletionFilter.FILE_NOTIFY_CHANGE_DIR_NAME);

    private static final Set<SMB2CompletionFilter> CONTENTS = EnumSet.of(
            SMB2CompletionFilter.FILE_NOTIFY_CHANGE_SIZE, SMB2CompletionFilter.FILE_NOTIFY_CHANGE_LAST_WRITE);
    /**
     * How soon a write is told: it is announced once journaled, on a thread of its own, in one short transaction (the
     * uploader, which stores the size and time later, tells nobody).
     */
    private static final int PROMPTLY_SECONDS = 3;

    private SMBClient watcherClient;
    private SMBClient writerClient;
    private DiskShare watcher;
    private DiskShare writer;
    private String dir;

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        watcherClient = new SMBClient();
        writerClient = new SMBClient();
        watcher = (DiskShare) logOn(watcherClient, cistern).connectShare(SHARE);
        writer = (DiskShare) logOn(writerClient, cistern).connectShare(SHARE);
        dir = "notify-" + UUID.randomUUID().toString().substring(0, 8);
        watcher.mkdir(dir);
    }

    @AfterEach
    void disconnect() {
        watcherClient.close();
        writerClient.close();
    }

    @Test
    void aWatchIsToldWhatAnotherSessionAndAnNfsClientChanged(CisternProcess cistern) throws Exception {
        try (Directory watched = open(dir)) {
            Future<SMB2ChangeNotifyResponse> first = started(watched.watchAsync(NAMES, false));
            create(writer, dir + "\\from-smb.txt");
            assertEquals(List.of("FILE_ACTION_ADDED from-smb.txt"), changes(first.get(10, TimeUnit.SECONDS)));

            try (Nfs3TestClient nfs = new Nfs3TestClient(cistern.nfsPort(), ADMIN_ID, ADMIN_ID)) {
                byte[] directory = nfs.lookup(nfs.mount("/" + SHARE).handle(), dir).handle();
                assertEquals(Nfs3TestClient.OK, nfs.createGuarded(directory, "from-nfs.txt").status());
            }
            assertEquals(List.of("FILE_ACTION_ADDED from-nfs.txt"), next(watched, NAMES, false, 1),
                    "a change made while no request waited is kept for the next");

            try (File moved = writer.openFile(dir + "\\from-smb.txt", EnumSet.of(AccessMask.DELETE,
                    AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null)) {
                moved.rename(dir + "\\renamed.txt");
            }
            assertEquals(List.of("FILE_ACTION_RENAMED_OLD_NAME from-smb.txt",
                    "FILE_ACTION_RENAMED_NEW_NAME renamed.txt"), next(watched, NAMES, false, 2));

            writer.rm(dir + "\\from-nfs.txt");
            assertEquals(List.of("FILE_ACTION_REMOVED from-nfs.txt"), next(watched, NAMES, false, 1));
        }
    }

    @Test
    void aSizeChangeIsModifiedUnderItsName() throws Exception {
        create(writer, dir + "\\grows.bin");
        try (Directory watched = open(dir)) {
            Future<SMB2ChangeNotifyResponse> first = started(watched.watchAsync(
                    EnumSet.of(SMB2CompletionFilter.FILE_NOTIFY_CHANGE_SIZE), false));
            try (File file = writer.openFile(dir + "\\grows.bin", EnumSet.of(AccessMask.GENERIC_WRITE), null,
                    SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null)) {
                file.setLength(4096);
            }
            assertEquals(List.of("FILE_ACTION_MODIFIED grows.bin"), changes(first.get(10, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aWriteOverSmbIsModifiedUnderItsNameOnceJournaled() throws Exception {
        create(writer, dir + "\\written.bin");
        try (Directory watched = open(dir)) {
            Future<SMB2ChangeNotifyResponse> first = started(watched.watchAsync(CONTENTS, false));
            try (File file = writer.openFile(dir + "\\written.bin", EnumSet.of(AccessMask.GENERIC_WRITE), null,
                    SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null)) {
                file.write(new byte[64 << 10], 0);
                assertEquals(List.of("FILE_ACTION_MODIFIED written.bin"),
                        changes(first.get(PROMPTLY_SECONDS, TimeUnit.SECONDS)), "while the file is still open");
            }
        }
    }

    @Test
    void aServerSideCopyIsModifiedUnderTheTargetsName() throws Exception {
        // the source elsewhere, so that its own write is no change of the watched directory's entries
        writer.mkdir(dir + "\\elsewhere");
        try (File source = writer.openFile(dir + "\\elsewhere\\original.bin", EnumSet.of(AccessMask.GENERIC_READ,
                AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE, null)) {
            source.write(new byte[100_000], 0);
        }
        try (Directory watched = open(dir)) {
            Future<SMB2ChangeNotifyResponse> first = started(watched.watchAsync(CONTENTS, false));
            try (File source = writer.openFile(dir + "\\elsewhere\\original.bin", EnumSet.of(AccessMask.GENERIC_READ),
                    null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null);
                 File target = writer.openFile(dir + "\\copy.bin", EnumSet.of(AccessMask.GENERIC_READ,
                         AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE, null)) {
                source.remoteCopyTo(target);
                assertEquals(List.of("FILE_ACTION_MODIFIED copy.bin"),
                        changes(first.get(PROMPTLY_SECONDS, TimeUnit.SECONDS)));
            }
        }
    }

    @Test
    void anNfsWriteAndAnNfsTruncationAreModifiedUnderTheFilesName(CisternProcess cistern) throws Exception {
        create(writer, dir + "\\from-nfs.bin");
        try (Directory watched = open(dir);
             Nfs3TestClient nfs = new Nfs3TestClient(cistern.nfsPort(), ADMIN_ID, ADMIN_ID)) {
            byte[] directory = nfs.lookup(nfs.mount("/" + SHARE).handle(), dir).handle();
            byte[] file = nfs.lookup(directory, "from-nfs.bin").handle();
            Future<SMB2ChangeNotifyResponse> first = started(watched.watchAsync(CONTENTS, false));
            byte[] data = new byte[32 << 10];
            assertEquals(Nfs3TestClient.OK, nfs.write(file, 0, data, 0, data.length, Nfs3TestClient.UNSTABLE).status());
            assertEquals(List.of("FILE_ACTION_MODIFIED from-nfs.bin"),
                    changes(first.get(PROMPTLY_SECONDS, TimeUnit.SECONDS)));

            assertEquals(Nfs3TestClient.OK, nfs.setSize(file, 100));
            assertEquals(List.of("FILE_ACTION_MODIFIED from-nfs.bin"), next(watched, CONTENTS, false, 1),
                    "a truncation is told by its attribute update");
        }
    }

    @Test
    void aTreeWatchSeesAChangeTwoLevelsDownWithItsRelativePath() throws Exception {
        watcher.mkdir(dir + "\\one");
        watcher.mkdir(dir + "\\one\\two");
        try (Directory flat = open(dir); Directory tree = open(dir)) {
            Future<SMB2ChangeNotifyResponse> deep = started(tree.watchAsync(NAMES, true));
            Future<SMB2ChangeNotifyResponse> shallow = started(flat.watchAsync(NAMES, false));
            create(writer, dir + "\\one\\two\\deep.txt");
            assertEquals(List.of("FILE_ACTION_ADDED one\\two\\deep.txt"), changes(deep.get(10, TimeUnit.SECONDS)));
            writer.mkdir(dir + "\\top");
            assertEquals(List.of("FILE_ACTION_ADDED top"), changes(shallow.get(10, TimeUnit.SECONDS)),
                    "a watch of the directory alone saw nothing of the change below, only its own entry");
        }
    }

    @Test
    void closingTheOpenEndsAWaitingWatchWithCleanup() throws Exception {
        Directory watched = open(dir);
        Future<SMB2ChangeNotifyResponse> waiting = started(watched.watchAsync(NAMES, false));
        watched.close();
        assertEquals(NtStatus.STATUS_NOTIFY_CLEANUP.getValue(),
                waiting.get(10, TimeUnit.SECONDS).getHeader().getStatusCode());
    }

    private Directory open(String path) {
        return watcher.openDirectory(path, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, null);
    }

    private static void create(DiskShare on, String path) {
        on.openFile(path, EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_CREATE, null).close();
    }

    /**
     * The first request of an open starts its watch on a worker; once it is still waiting after a moment, the watch
     * is in place and no change is missed.
     */
    private static Future<SMB2ChangeNotifyResponse> started(Future<SMB2ChangeNotifyResponse> request)
            throws InterruptedException {
        Thread.sleep(700);
        assertFalse(request.isDone(), "nothing changed yet, so the request waits");
        return request;
    }

    /** Requests until {@code count} changes came (one transaction's changes come in one answer, others may not). */
    private static List<String> next(Directory watched, Set<SMB2CompletionFilter> filter, boolean tree, int count)
            throws Exception {
        List<String> seen = new ArrayList<>();
        while (seen.size() < count) {
            seen.addAll(changes(watched.watchAsync(filter, tree).get(10, TimeUnit.SECONDS)));
        }
        return seen;
    }

    private static List<String> changes(SMB2ChangeNotifyResponse response) {
        assertEquals(NtStatus.STATUS_SUCCESS.getValue(), response.getHeader().getStatusCode(),
                () -> "status 0x" + Long.toHexString(response.getHeader().getStatusCode()));
        return response.getFileNotifyInfoList().stream().map(c -> c.getAction() + " " + c.getFileName()).toList();
    }

    private static Session logOn(SMBClient client, CisternProcess cistern) throws Exception {
        return client.connect("127.0.0.1", cistern.smbPort()).authenticate(new AuthenticationContext("admin",
                CisternProcess.ADMIN_PASSWORD.toCharArray(), ""));
    }
}
