package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.share.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * smbj 0.14.0 working with files through the real pipeline, the application being the in-memory file tree run on a
 * worker thread of its own, as the adapter's request workers run it.
 */
class SmbjFileInteropTest {
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer(true);

    private SMBClient client;
    private Connection connection;
    private Session session;
    private DiskShare share;
    private static long nextShare = 100;
    private long shareId;

    @BeforeEach
    void connect() throws Exception {
        shareId = nextShare++;
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(shareId, "files" + shareId, false);
        client = new SMBClient();
        connection = client.connect("127.0.0.1", SERVER.port());
        session = connection.authenticate(new AuthenticationContext("alice", "correct horse".toCharArray(), "WG"));
        share = (DiskShare) session.connectShare("files" + shareId);
    }

    @AfterEach
    void disconnect() throws Exception {
        share.close();
        session.logoff();
        connection.close();
        client.close();
    }

    @Test
    void listsADirectoryOfHundredsOfEntries() {
        share.mkdir("big");
        for (int i = 0; i < 400; i++) {
            SERVER.listener.files.addFile(shareId, List.of("big", "entry-" + i), new byte[i], 0644);
        }
        List<FileIdBothDirectoryInformation> listing = share.list("big");
        Set<String> names = new TreeSet<>();
        listing.forEach(entry -> names.add(entry.getFileName()));
        assertEquals(402, names.size(), "every entry once, with . and ..");
        assertTrue(names.contains(".") && names.contains("..") && names.contains("entry-399"));
        FileIdBothDirectoryInformation sized = listing.stream().filter(e -> e.getFileName().equals("entry-123"))
                .findFirst().orElseThrow();
        assertEquals(123, sized.getEndOfFile());
        assertEquals(SERVER.listener.files.find(shareId, List.of("big", "entry-123")).id, sized.getFileId());
        List<String> pattern = share.list("big", "ENTRY-7?").stream().map(FileIdBothDirectoryInformation::getFileName)
                .toList();
        assertEquals(10, pattern.size(), pattern.toString());
        assertTrue(pattern.stream().allMatch(name -> name.startsWith("entry-7") && name.length() == 8), pattern.toString());
    }

    @Test
    void mkdirMakesADirectoryThatExists() {
        share.mkdir("made");
        assertTrue(share.folderExists("made"));
        assertTrue(SERVER.listener.files.find(shareId, List.of("made")).directory);
        assertFalse(share.folderExists("not-made"));
    }

    private File open(DiskShare on, String path, SMB2CreateDisposition disposition, Set<SMB2ShareAccess> shareAccess) {
        return on.openFile(path, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE), null, shareAccess,
                disposition, null);
    }

    @Test
    void aFileLargerThanOneReadIsWrittenAndReadBack() throws Exception {
        byte[] content = new byte[300_000];
        new Random(42).nextBytes(content);
        try (File file = open(share, "big.bin", SMB2CreateDisposition.FILE_OVERWRITE_IF, SMB2ShareAccess.ALL);
             OutputStream out = file.getOutputStream()) {
            out.write(content);
        }
        assertArrayEquals(content, SERVER.listener.files.content(shareId, List.of("big.bin")));
        try (File file = open(share, "BIG.BIN", SMB2CreateDisposition.FILE_OPEN, SMB2ShareAccess.ALL);
             InputStream in = file.getInputStream()) {
            assertArrayEquals(content, in.readAllBytes());
        }
        try (File file = open(share, "big.bin", SMB2CreateDisposition.FILE_OPEN, SMB2ShareAccess.ALL)) {
            byte[] middle = new byte[100];
            assertEquals(100, file.read(middle, 150_000));
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 150_000, 150_100), middle);
        }
    }

    @Test
    void aSecondSessionIsRefusedWhatTheFirstDoesNotShare() throws Exception {
        try (SMBClient other = new SMBClient(); Connection second = other.connect("127.0.0.1", SERVER.port())) {
            Session bob = second.authenticate(new AuthenticationContext("alice", "correct horse".toCharArray(), "WG"));
            DiskShare bobShare = (DiskShare) bob.connectShare("files" + shareId);
            try (File mine = open(share, "exclusive.txt", SMB2CreateDisposition.FILE_CREATE,
                    EnumSet.noneOf(SMB2ShareAccess.class))) {
                SMBApiException refused = assertThrows(SMBApiException.class, () -> open(bobShare, "exclusive.txt",
                        SMB2CreateDisposition.FILE_OPEN, SMB2ShareAccess.ALL));
                assertEquals(NtStatus.STATUS_SHARING_VIOLATION.getValue(), refused.getStatusCode());
                mine.write("mine".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
            }
            try (File now = open(bobShare, "exclusive.txt", SMB2CreateDisposition.FILE_OPEN, SMB2ShareAccess.ALL)) {
                assertEquals("mine", new String(now.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.US_ASCII), "once closed, the file is free");
            }
            bobShare.close();
        }
    }

    @Test
    void fileAndShareInformationAsSmbjQueriesIt() {
        SERVER.listener.files.addFile(shareId, List.of(".profile"), new byte[1234], 0444);
        com.hierynomus.msfscc.fileinformation.FileAllInformation all = share.getFileInformation(".profile");
        assertEquals(1234, all.getStandardInformation().getEndOfFile());
        assertFalse(all.getStandardInformation().isDirectory());
        assertEquals(0x23, all.getBasicInformation().getFileAttributes(), "ARCHIVE | HIDDEN | READONLY");
        assertEquals("\\.profile", all.getNameInformation());
        com.hierynomus.msfscc.fileinformation.ShareInfo info = share.getShareInformation();
        assertEquals(MemoryFileTree.TOTAL_BYTES, info.getTotalSpace());
        assertEquals(MemoryFileTree.FREE_BYTES, info.getFreeSpace());
        assertTrue(share.fileExists(".profile"));
        assertFalse(share.fileExists("missing"));
    }

    @Test
    void renameRmAndRmdirAsSmbjDoesThem() throws Exception {
        share.mkdir("dir");
        try (File file = open(share, "dir\\old.txt", SMB2CreateDisposition.FILE_CREATE, SMB2ShareAccess.ALL)) {
            file.write(new byte[10], 0);
        }
        try (File file = share.openFile("dir\\old.txt", EnumSet.of(AccessMask.DELETE, AccessMask.GENERIC_READ), null,
                SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null)) {
            file.rename("dir\\new.txt");
        }
        assertFalse(share.fileExists("dir\\old.txt"));
        assertTrue(share.fileExists("dir\\NEW.txt"));
        SMBApiException notEmpty = assertThrows(SMBApiException.class, () -> share.rmdir("dir", false));
        assertEquals(NtStatus.STATUS_DIRECTORY_NOT_EMPTY.getValue(), notEmpty.getStatusCode());
        share.rm("dir\\new.txt");
        assertFalse(share.fileExists("dir\\new.txt"));
        share.rmdir("dir", false);
        assertFalse(share.folderExists("dir"));
        assertEquals(null, SERVER.listener.files.find(shareId, List.of("dir")));
    }

    @Test
    void deleteOnCloseRemovesTheFileWhenSmbjClosesIt() throws Exception {
        try (File file = share.openFile("temp.txt", EnumSet.of(AccessMask.GENERIC_ALL), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_CREATE, EnumSet.of(
                        com.hierynomus.mssmb2.SMB2CreateOptions.FILE_DELETE_ON_CLOSE))) {
            file.write("scratch".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
            assertTrue(share.fileExists("temp.txt"), "still there while open");
        }
        assertFalse(share.fileExists("temp.txt"));
        try (File readWrite = open(share, "later.txt", SMB2CreateDisposition.FILE_CREATE, SMB2ShareAccess.ALL)) {
            SMBApiException refused = assertThrows(SMBApiException.class, readWrite::deleteOnClose);
            assertEquals(NtStatus.STATUS_ACCESS_DENIED.getValue(), refused.getStatusCode(), "no DELETE access");
        }
        try (File file = share.openFile("later.txt", EnumSet.of(AccessMask.DELETE), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, null)) {
            file.deleteOnClose();
            assertTrue(SERVER.listener.files.find(shareId, List.of("later.txt")) != null, "only pending while open");
        }
        assertFalse(share.fileExists("later.txt"));
    }
}
