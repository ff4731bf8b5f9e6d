package io.cistern.smb.server;

import static io.cistern.smb.server.CreateCloseHandlerTest.SHARE_ALL;
import static io.cistern.smb.server.CreateCloseHandlerTest.create;
import static io.cistern.smb.server.CreateCloseHandlerTest.fileId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.fscc.FileAttributes;
import io.cistern.smb.fscc.InformationClass;
import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2QueryDirectoryRequest;
import io.cistern.smb.wire.Smb2QueryDirectoryResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** QUERY_DIRECTORY over the in-memory connection: classes, chaining, buffer limits, patterns and the cursor. */
class QueryDirectoryHandlerTest {
    private final RecordingListener listener = new RecordingListener();
    private final SmbTestConnection connection = new SmbTestConnection(listener);
    private LoggedOn session;
    private int tree;
    private Smb2FileId dir;

    @BeforeEach
    void directoryWithFiles() throws Exception {
        listener.addShare(7, "data", false);
        session = connection.negotiateAndLogOn(0);
        tree = connection.connectTree(session, "data");
        fileId(create(connection, session, tree, "d", AccessMask.GENERIC_READ, SHARE_ALL, 2,
                Smb2CreateRequest.FILE_DIRECTORY_FILE, List.of()));
        for (int i = 0; i < 300; i++) {
            listener.files.addFile(7, List.of("d", String.format("file%03d.txt", i)), new byte[i], 0644);
        }
        listener.files.addFile(7, List.of("d", ".hidden"), new byte[0], 0444);
        dir = fileId(create(connection, session, tree, "d", AccessMask.GENERIC_READ, SHARE_ALL, 1, 0, List.of()));
    }

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    private Response query(int infoClass, int flags, String pattern, int outputLength) throws Exception {
        return connection.request(Smb2Command.QUERY_DIRECTORY, session, tree,
                new Smb2QueryDirectoryRequest(infoClass, flags, 0, dir, pattern, outputLength)::encode);
    }

    /** The names of a chained answer, checking alignment and the chain on the way. */
    static List<String> names(Response response, int nameLengthAt, int nameAt) throws Exception {
        assertEquals(NtStatus.STATUS_SUCCESS, response.status(), NtStatus.hex(response.status()));
        byte[] output = Smb2QueryDirectoryResponse.decode(response.body()).output();
        ByteBuf buf = Unpooled.wrappedBuffer(output);
        List<String> names = new ArrayList<>();
        int at = 0;
        while (true) {
            assertEquals(0, at % 8, "entries are 8-byte aligned");
            int next = buf.getIntLE(at);
            int length = buf.getIntLE(at + nameLengthAt);
            names.add(buf.toString(at + nameAt, length, StandardCharsets.UTF_16LE));
            if (next == 0) {
                assertEquals(output.length, at + nameAt + length, "no padding after the last entry");
                return names;
            }
            at += next;
        }
    }

    @Test
    void theWholeDirectoryComesInPagesWithTheDotsFirstAndThenNoMoreFiles() throws Exception {
        List<String> all = new ArrayList<>();
        Response page;
        while ((page = query(InformationClass.FILE_ID_BOTH_DIRECTORY, 0, "*", 4096)).status()
                == NtStatus.STATUS_SUCCESS) {
            List<String> names = names(page, 60, 104);
            assertTrue(names.size() < 302, "a 4 KiB buffer holds a page, not all");
            all.addAll(names);
        }
        assertEquals(NtStatus.STATUS_NO_MORE_FILES, page.status());
        assertEquals(303, all.size());
        assertEquals(List.of(".", "..", ".hidden", "file000.txt"), all.subList(0, 4));
        assertEquals("file299.txt", all.get(302));
        assertEquals(NtStatus.STATUS_NO_MORE_FILES, query(InformationClass.FILE_ID_BOTH_DIRECTORY, 0, "*", 4096)
                .status(), "and stays there");
        List<String> again = names(query(InformationClass.FILE_NAMES, Smb2QueryDirectoryRequest.RESTART_SCANS,
                "*", 65536), 8, 12);
        assertEquals(all, again, "RESTART_SCANS starts over");
    }

    @Test
    void everyDirectoryClassHasItsLayout() throws Exception {
        int[][] layouts = {{InformationClass.FILE_DIRECTORY, 60, 64}, {InformationClass.FILE_FULL_DIRECTORY, 60, 68},
            {InformationClass.FILE_BOTH_DIRECTORY, 60, 94}, {InformationClass.FILE_ID_BOTH_DIRECTORY, 60, 104},
            {InformationClass.FILE_ID_FULL_DIRECTORY, 60, 80}, {InformationClass.FILE_NAMES, 8, 12}};
        for (int[] layout : layouts) {
            List<String> names = names(query(layout[0], Smb2QueryDirectoryRequest.RESTART_SCANS, "file01?.txt",
                    65536), layout[1], layout[2]);
            assertEquals(10, names.size(), "class " + layout[0]);
            assertEquals("file010.txt", names.get(0));
        }
        Response entry = query(InformationClass.FILE_FULL_DIRECTORY, Smb2QueryDirectoryRequest.RESTART_SCANS
                | Smb2QueryDirectoryRequest.RETURN_SINGLE_ENTRY, ".hidden", 1024);
        ByteBuf buf = Unpooled.wrappedBuffer(Smb2QueryDirectoryResponse.decode(entry.body()).output());
        assertEquals(FileAttributes.ARCHIVE | FileAttributes.HIDDEN | FileAttributes.READONLY, buf.getIntLE(56));
    }

    @Test
    void patternsFilterAndANoMatchIsNoSuchFile() throws Exception {
        assertEquals(List.of("file123.txt"), names(query(InformationClass.FILE_NAMES, 0, "FILE123.TXT", 1024), 8, 12));
        assertEquals(NtStatus.STATUS_NO_MORE_FILES, query(InformationClass.FILE_NAMES, 0, "ignored", 1024).status(),
                "the first pattern holds until a restart");
        assertEquals(NtStatus.STATUS_NO_SUCH_FILE, query(InformationClass.FILE_NAMES,
                Smb2QueryDirectoryRequest.REOPEN, "nothing*", 1024).status());
        assertEquals(List.of("file007.txt"), names(query(InformationClass.FILE_NAMES,
                Smb2QueryDirectoryRequest.RESTART_SCANS, "<7\"txt", 1024), 8, 12).subList(0, 1));
    }

    /** smbclient's rm and ls of one file search so: one question for the name, not a listing of 301 entries. */
    @Test
    void aPatternWithoutWildcardsIsOneSearchForTheName() throws Exception {
        listener.files.calls.clear();
        assertEquals(List.of("file123.txt"), names(query(InformationClass.FILE_NAMES, 0, "File123.TXT", 1024), 8, 12));
        assertEquals(NtStatus.STATUS_NO_SUCH_FILE, query(InformationClass.FILE_NAMES, Smb2QueryDirectoryRequest.REOPEN,
                "missing.txt", 1024).status());
        assertEquals(List.of("listNamed File123.TXT", "listNamed missing.txt"), listener.files.calls.stream()
                .filter(c -> c.startsWith("list")).toList());
        assertEquals(10, names(query(InformationClass.FILE_NAMES, Smb2QueryDirectoryRequest.REOPEN, "file12?.txt",
                1024), 8, 12).size());
        assertTrue(listener.files.calls.contains("list 0"), "a pattern with a wildcard still lists");
    }

    @Test
    void singleEntriesAndSmallBuffers() throws Exception {
        assertEquals(List.of("."), names(query(InformationClass.FILE_DIRECTORY,
                Smb2QueryDirectoryRequest.RETURN_SINGLE_ENTRY, "*", 1024), 60, 64));
        assertEquals(List.of(".."), names(query(InformationClass.FILE_DIRECTORY,
                Smb2QueryDirectoryRequest.RETURN_SINGLE_ENTRY, "*", 1024), 60, 64));
        assertEquals(NtStatus.STATUS_INFO_LENGTH_MISMATCH, query(InformationClass.FILE_DIRECTORY, 0, "*", 63)
                .status());
        assertEquals(NtStatus.STATUS_BUFFER_OVERFLOW, query(InformationClass.FILE_DIRECTORY, 0, "*", 70).status(),
                "\".hidden\" needs 64 + 14 bytes");
        assertEquals(List.of(".hidden"), names(query(InformationClass.FILE_DIRECTORY, 0, "*", 78), 60, 64),
                "the scan did not move on");
    }

    /** smbtorture's smb2.dir.fixed: what is deleted part way through a scan is not reported later in it. */
    @Test
    void anEntryDeletedDuringTheScanIsNotReportedAfterwards() throws Exception {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.addAll(names(query(InformationClass.FILE_NAMES, Smb2QueryDirectoryRequest.RETURN_SINGLE_ENTRY, "*",
                    1024), 8, 12));
        }
        assertEquals(List.of(".", "..", ".hidden", "file000.txt"), first);
        listener.files.unlink(7, List.of("d", "file001.txt"));
        listener.files.unlink(7, List.of("d", "file002.txt"));
        List<String> rest = names(query(InformationClass.FILE_NAMES, 0, "*", 65536), 8, 12);
        assertEquals("file003.txt", rest.get(0), "the deleted files are gone from the scan");
        assertEquals(297, rest.size(), "and nothing else is");
        assertEquals(NtStatus.STATUS_NO_MORE_FILES, query(InformationClass.FILE_NAMES, 0, "*", 65536).status());
    }

    @Test
    void malformedAndMisdirectedQueriesAreRefused() throws Exception {
        assertEquals(NtStatus.STATUS_INVALID_INFO_CLASS, query(InformationClass.FILE_BASIC, 0, "*", 1024).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, query(InformationClass.FILE_NAMES, 0, "*", (1 << 20) + 1).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, query(InformationClass.FILE_NAMES, 0, "a\\b", 1024).status());
        Response truncated = connection.request(Smb2Command.QUERY_DIRECTORY, session, tree, body -> {
            new Smb2QueryDirectoryRequest(InformationClass.FILE_NAMES, 0, 0, dir, "*", 1024).encode(body);
            body.setShortLE(64 + 24, 2000);            // FileNameOffset past the end
        });
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, truncated.status());
        Smb2FileId file = fileId(create(connection, session, tree, "d\\file001.txt", AccessMask.GENERIC_READ,
                SHARE_ALL, 1, 0, List.of()));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, connection.request(Smb2Command.QUERY_DIRECTORY, session,
                tree, new Smb2QueryDirectoryRequest(InformationClass.FILE_NAMES, 0, 0, file, "*", 1024)::encode)
                .status(), "a file is no directory");
        Smb2FileId attributesOnly = fileId(create(connection, session, tree, "d", AccessMask.FILE_READ_ATTRIBUTES,
                SHARE_ALL, 1, 0, List.of()));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, connection.request(Smb2Command.QUERY_DIRECTORY, session, tree,
                new Smb2QueryDirectoryRequest(InformationClass.FILE_NAMES, 0, 0, attributesOnly, "*", 1024)::encode)
                .status());
        assertEquals(NtStatus.STATUS_FILE_CLOSED, connection.request(Smb2Command.QUERY_DIRECTORY, session, tree,
                new Smb2QueryDirectoryRequest(InformationClass.FILE_NAMES, 0, 0, new Smb2FileId(1, 2), "*", 1024)
                        ::encode).status());
    }
}
