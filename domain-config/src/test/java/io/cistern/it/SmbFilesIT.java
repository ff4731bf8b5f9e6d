package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2CreateOptions;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Everyday file work over SMB with smbj, a client nobody here wrote, against the running server: the adapter's
 * commands and ejb-core's file system together, down to PostgreSQL and the journal. Each test works in a
 * directory of its own on the shared server's default share.
 */
@ExtendWith(SharedCistern.class)
class SmbFilesIT {
    private static final String SHARE = "data";
    private static final String EXPORT = "/data";

    private SMBClient client;
    private Session session;
    private DiskShare share;
    private String dir;

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        client = new SMBClient();
        session = logOn(client, cistern);
        share = (DiskShare) session.connectShare(SHARE);
        dir = "smb-" + UUID.randomUUID().toString().substring(0, 8);
        share.mkdir(dir);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static Session logOn(SMBClient client, CisternProcess cistern) throws Exception {
        Connection connection = client.connect("127.0.0.1", cistern.smbPort());
        return connection.authenticate(new AuthenticationContext("admin",
                CisternProcess.ADMIN_PASSWORD.toCharArray(), ""));
    }

    @Test
    void aFileLargerThanOneReadOrWriteReadsBackAsWritten() throws Exception {
        byte[] content = random(3 * 1024 * 1024 + 12_345, 1);
        String path = dir + "\\big.bin";
        write(share, path, content);
        assertArrayEquals(content, read(share, path));
        assertEquals(content.length, share.getFileInformation(path).getStandardInformation().getEndOfFile());
    }

    /**
     * READs of 8 MiB (the largest the server announces), each spanning two or three of the 4 MiB blocks, so that
     * the data goes out as several pieces held by the server: plain and encrypted (AES-128-GCM at 3.1.1), each read
     * equal to the bytes written at its offset, at the file's end fewer.
     */
    @Test
    void readsSpanningBlocksReturnTheBytesWrittenPlainAndEncrypted(CisternProcess cistern) throws Exception {
        int large = 8 * 1024 * 1024;
        byte[] content = random(2 * large + 4321, 7);
        String path = dir + "\\spanning.bin";
        write(share, path, content);
        for (boolean encrypt : new boolean[] {false, true}) {
            SmbConfig config = SmbConfig.builder().withDialects(SMB2Dialect.SMB_3_1_1).withEncryptData(encrypt)
                    .withReadBufferSize(large).withTimeout(60, TimeUnit.SECONDS).build();
            try (SMBClient reader = new SMBClient(config);
                 DiskShare on = (DiskShare) logOn(reader, cistern).connectShare(SHARE);
                 File file = on.openFile(path, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                         SMB2CreateDisposition.FILE_OPEN, EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE))) {
                for (long offset : new long[] {1024 * 1024 + 3, large - 5, large + 4096}) {
                    byte[] buffer = new byte[large];
                    int read = file.read(buffer, offset);
                    int expected = (int) Math.min(large, content.length - offset);
                    assertEquals(expected, read, "bytes read at " + offset + (encrypt ? ", encrypted" : ""));
                    assertArrayEquals(java.util.Arrays.copyOfRange(content, (int) offset, (int) offset + expected),
                            java.util.Arrays.copyOf(buffer, read), "at " + offset + (encrypt ? ", encrypted" : ""));
                }
            }
        }
    }

    @Test
    void aFileWrittenOverSmbReadsTheSameOverNfs(CisternProcess cistern) throws Exception {
        byte[] content = random(1024 * 1024 + 7, 2);
        write(share, dir + "\\shared.bin", content);
        NfsCat.Reading reading = NfsCat.readPrefix(NfsCat.url(cistern.nfsPort(), EXPORT, dir + "/shared.bin"),
                content.length);
        assertEquals(content.length, reading.bytesRead());
        java.security.MessageDigest digest = CommittedFile.sha256();
        digest.update(content);
        assertEquals(CommittedFile.hex(digest), reading.prefixSha256());
    }

    /**
     * smbj's {@code remoteCopyTo}: a resume key, then FSCTL_SRV_COPYCHUNK requests of up to 16 chunks of 1 MiB, so a
     * file of 17 MiB and a bit takes two; the copy reads the same over SMB and over NFS, its SHA-256 the source's.
     */
    @Test
    void aServerSideCopyReadsTheSameOverSmbAndNfs(CisternProcess cistern) throws Exception {
        byte[] content = random(17 * 1024 * 1024 + 12_345, 6);
        write(share, dir + "\\original.bin", content);
        try (File source = share.openFile(dir + "\\original.bin", EnumSet.of(AccessMask.GENERIC_READ), null,
                SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null);
             File target = share.openFile(dir + "\\copy.bin", EnumSet.of(AccessMask.GENERIC_READ,
                     AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE, null)) {
            source.remoteCopyTo(target);
        }
        java.security.MessageDigest digest = CommittedFile.sha256();
        digest.update(content);
        String expected = CommittedFile.hex(digest);
        java.security.MessageDigest overSmb = CommittedFile.sha256();
        overSmb.update(read(share, dir + "\\copy.bin"));
        assertEquals(expected, CommittedFile.hex(overSmb), "over SMB");
        NfsCat.Reading reading = NfsCat.readPrefix(NfsCat.url(cistern.nfsPort(), EXPORT, dir + "/copy.bin"),
                content.length);
        assertEquals(content.length, reading.bytesRead());
        assertEquals(expected, reading.prefixSha256(), "over NFS");
        assertEquals(content.length, share.getFileInformation(dir + "\\copy.bin").getStandardInformation()
                .getEndOfFile());
    }

    @Test
    void aListingShowsEveryEntryOnce() throws Exception {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String name = "entry-" + i + (i % 3 == 0 ? ".txt" : ".bin");
            write(share, dir + "\\" + name, new byte[] {(byte) i});
            created.add(name);
        }
        share.mkdir(dir + "\\sub");
        created.add("sub");
        Set<String> listed = share.list(dir).stream().map(FileIdBothDirectoryInformation::getFileName)
                .filter(name -> !name.equals(".") && !name.equals("..")).collect(Collectors.toSet());
        assertEquals(created, listed);
        Set<String> textFiles = share.list(dir, "*.TXT").stream().map(FileIdBothDirectoryInformation::getFileName)
                .collect(Collectors.toSet());
        assertEquals(created.stream().filter(name -> name.endsWith(".txt")).collect(Collectors.toSet()), textFiles,
                "patterns match ignoring case");
    }

    @Test
    void namesMatchIgnoringCaseAndKeepTheirSpelling() throws Exception {
        byte[] content = "case".getBytes(StandardCharsets.UTF_8);
        write(share, dir + "\\MixedCase.TXT", content);
        assertArrayEquals(content, read(share, dir + "\\mixedcase.txt"));
        assertEquals(Set.of("MixedCase.TXT"), names(share, dir));
        SMBApiException exists = assertThrows(SMBApiException.class, () -> share.openFile(dir + "\\MIXEDCASE.txt",
                EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE,
                null).close());
        assertEquals(NtStatus.STATUS_OBJECT_NAME_COLLISION, exists.getStatus());
    }

    @Test
    void renameMovesTheFileAndDeleteRemovesIt() throws Exception {
        byte[] content = random(70_000, 3);
        write(share, dir + "\\before.bin", content);
        share.mkdir(dir + "\\into");
        try (File file = share.openFile(dir + "\\before.bin", EnumSet.of(AccessMask.DELETE, AccessMask.GENERIC_READ),
                null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null)) {
            file.rename(dir + "\\into\\after.bin");
        }
        assertFalse(share.fileExists(dir + "\\before.bin"));
        assertArrayEquals(content, read(share, dir + "\\into\\after.bin"));
        share.rm(dir + "\\into\\after.bin");
        assertFalse(share.fileExists(dir + "\\into\\after.bin"));
        assertEquals(Set.of(), names(share, dir + "\\into"));
    }

    @Test
    void aNonEmptyDirectoryIsNotDeleted() throws Exception {
        share.mkdir(dir + "\\full");
        write(share, dir + "\\full\\inside", new byte[] {1});
        SMBApiException refused = assertThrows(SMBApiException.class, () -> share.rmdir(dir + "\\full", false));
        assertEquals(NtStatus.STATUS_DIRECTORY_NOT_EMPTY, refused.getStatus());
        assertTrue(share.folderExists(dir + "\\full"));
        assertArrayEquals(new byte[] {1}, read(share, dir + "\\full\\inside"));
    }

    @Test
    void namesThatLeaveTheShareOrThatSmbForbidsAreRefused() throws Exception {
        Map<String, NtStatus> refusals = Map.of(
                dir + "\\..\\..\\etc", NtStatus.STATUS_OBJECT_NAME_INVALID,
                dir + "\\what?", NtStatus.STATUS_OBJECT_NAME_INVALID,
                // a named stream, which the server does not keep
                dir + "\\a:b", NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
        for (Map.Entry<String, NtStatus> bad : refusals.entrySet()) {
            SMBApiException refused = assertThrows(SMBApiException.class, () -> share.openFile(bad.getKey(),
                    EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OVERWRITE_IF, null).close(), bad.getKey());
            assertEquals(bad.getValue(), refused.getStatus(), bad.getKey());
        }
        assertEquals(Set.of(), names(share, dir), "nothing was created");
    }

    @Test
    void anOpenThatSharesNothingKeepsASecondSessionOut(CisternProcess cistern) throws Exception {
        String path = dir + "\\exclusive.bin";
        write(share, path, new byte[] {7});
        try (SMBClient otherClient = new SMBClient();
             File held = share.openFile(path, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE), null,
                     EnumSet.noneOf(SMB2ShareAccess.class), SMB2CreateDisposition.FILE_OPEN, null)) {
            DiskShare other = (DiskShare) logOn(otherClient, cistern).connectShare(SHARE);
            SMBApiException refused = assertThrows(SMBApiException.class, () -> read(other, path));
            assertEquals(NtStatus.STATUS_SHARING_VIOLATION, refused.getStatus());
            held.write(new byte[] {8}, 0);
        }
        assertArrayEquals(new byte[] {8}, read(share, path), "the file is free again once closed");
    }

    @Test
    void deleteOnCloseRemovesTheFileAtItsLastClose() throws Exception {
        String path = dir + "\\temporary.bin";
        try (File file = share.openFile(path, EnumSet.of(AccessMask.GENERIC_WRITE, AccessMask.DELETE), null,
                SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE,
                EnumSet.of(SMB2CreateOptions.FILE_DELETE_ON_CLOSE))) {
            file.write(new byte[] {1, 2, 3}, 0);
            assertTrue(share.fileExists(path), "still there while open");
        }
        assertFalse(share.fileExists(path));
    }

    static void write(DiskShare on, String path, byte[] content) throws Exception {
        try (File file = on.openFile(path, EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OVERWRITE_IF, EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE));
             OutputStream out = file.getOutputStream()) {
            out.write(content);
        }
    }

    static byte[] read(DiskShare on, String path) throws Exception {
        try (File file = on.openFile(path, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE));
             InputStream in = file.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static Set<String> names(DiskShare on, String path) {
        return on.list(path).stream().map(FileIdBothDirectoryInformation::getFileName)
                .filter(name -> !name.equals(".") && !name.equals("..")).collect(Collectors.toSet());
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
