package io.cistern.smb.server;

import static io.cistern.smb.server.CreateCloseHandlerTest.READ_WRITE;
import static io.cistern.smb.server.CreateCloseHandlerTest.SHARE_ALL;
import static io.cistern.smb.server.CreateCloseHandlerTest.close;
import static io.cistern.smb.server.CreateCloseHandlerTest.create;
import static io.cistern.smb.server.CreateCloseHandlerTest.fileId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.fscc.FileAttributes;
import io.cistern.smb.fscc.FileBasicInformation;
import io.cistern.smb.fscc.FileRenameInformation;
import io.cistern.smb.fscc.InformationClass;
import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2CloseRequest;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2QueryInfoRequest;
import io.cistern.smb.wire.Smb2QueryInfoResponse;
import io.cistern.smb.wire.Smb2SetInfoRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SET_INFO over the in-memory connection. */
class SetInfoHandlerTest {
    private static final int ALL = READ_WRITE | AccessMask.DELETE;
    private final RecordingListener listener = new RecordingListener();
    private final SmbTestConnection connection = new SmbTestConnection(listener);
    private LoggedOn session;
    private int tree;
    private Smb2FileId file;

    @BeforeEach
    void openAFile() throws Exception {
        listener.addShare(7, "data", false);
        session = connection.negotiateAndLogOn(0);
        tree = connection.connectTree(session, "data");
        listener.files.addFile(7, List.of("f"), new byte[1000], 0644);
        file = fileId(create(connection, session, tree, "f", ALL, SHARE_ALL, 1, 0, List.of()));
    }

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    private Response set(Smb2FileId id, int infoClass, Consumer<ByteBuf> info) throws Exception {
        ByteBuf buffer = Unpooled.buffer();
        info.accept(buffer);
        return connection.request(Smb2Command.SET_INFO, session, tree,
                new Smb2SetInfoRequest(1, infoClass, 0, id, ByteBufUtil.getBytes(buffer))::encode);
    }

    private Smb2FileId open(String name, int access) throws Exception {
        return fileId(create(connection, session, tree, name, access, SHARE_ALL, 1, 0, List.of()));
    }

    @Test
    void basicInformationSetsTimesAndReadOnlyAndLeavesZeroAndMinusOne() throws Exception {
        MemoryFileTree.Node node = listener.files.find(7, List.of("f"));
        long before = node.access;
        long fileTime = 133_000_000_000_000_000L;
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_BASIC, new FileBasicInformation(0, -1,
                fileTime, 0, FileAttributes.READONLY)::encode).status());
        assertEquals((fileTime - 116_444_736_000_000_000L) * 100, node.write);
        assertEquals(before, node.access, "-1 leaves it");
        assertEquals(0444, node.mode & 0777);
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_BASIC,
                new FileBasicInformation(0, 0, 0, 0, FileAttributes.NORMAL)::encode).status());
        assertEquals(0200, node.mode & 0200, "READONLY cleared");
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, set(file, InformationClass.FILE_BASIC,
                new FileBasicInformation(0, 0, 0, 0, FileAttributes.DIRECTORY)::encode).status());
        assertEquals(NtStatus.STATUS_INFO_LENGTH_MISMATCH, set(file, InformationClass.FILE_BASIC,
                out -> out.writeZero(36)).status());
        Smb2FileId reader = open("f", AccessMask.GENERIC_READ & ~AccessMask.FILE_WRITE_ATTRIBUTES);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, set(reader, InformationClass.FILE_BASIC,
                new FileBasicInformation(0, 0, 1, 0, 0)::encode).status());
    }

    /** smbtorture's smb2.create.dosattr_tmp_dir: a directory is never temporary ([MS-FSA] 2.1.5.14.2). */
    @Test
    void aDirectoryRefusesTheTemporaryAttribute() throws Exception {
        fileId(create(connection, session, tree, "dir", ALL, SHARE_ALL, 2, Smb2CreateRequest.FILE_DIRECTORY_FILE,
                List.of()));
        Smb2FileId dir = open("dir", AccessMask.FILE_WRITE_ATTRIBUTES);
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, set(dir, InformationClass.FILE_BASIC,
                new FileBasicInformation(0, 0, 0, 0, FileAttributes.TEMPORARY)::encode).status());
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_BASIC,
                new FileBasicInformation(0, 0, 0, 0, FileAttributes.TEMPORARY)::encode).status(), "a file may be");
    }

    @Test
    void endOfFileAndAllocationTruncateOrExtend() throws Exception {
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_END_OF_FILE,
                out -> out.writeLongLE(5000)).status());
        assertEquals(5000, listener.files.content(7, List.of("f")).length);
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_ALLOCATION,
                out -> out.writeLongLE(1 << 20)).status());
        assertEquals(5000, listener.files.content(7, List.of("f")).length, "a larger allocation changes nothing");
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_ALLOCATION,
                out -> out.writeLongLE(10)).status());
        assertEquals(10, listener.files.content(7, List.of("f")).length, "a smaller one truncates");
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, set(file, InformationClass.FILE_END_OF_FILE,
                out -> out.writeLongLE(-1)).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, set(open("f", AccessMask.GENERIC_READ),
                InformationClass.FILE_END_OF_FILE, out -> out.writeLongLE(0)).status());
    }

    @Test
    void dispositionDeletesAtTheLastCloseAndCanBeTakenBack() throws Exception {
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_DISPOSITION, out -> out.writeByte(1))
                .status());
        ByteBuf standard = Unpooled.wrappedBuffer(Smb2QueryInfoResponse.decode(connection.request(
                Smb2Command.QUERY_INFO, session, tree, new Smb2QueryInfoRequest(1, InformationClass.FILE_STANDARD,
                        24, 0, 0, file)::encode).body()).output());
        assertEquals(1, standard.getByte(20), "DeletePending");
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_DISPOSITION, out -> out.writeByte(0))
                .status());
        close(connection, session, tree, file, 0);
        assertNotNull(listener.files.find(7, List.of("f")), "taken back");

        Smb2FileId again = open("f", ALL);
        set(again, InformationClass.FILE_DISPOSITION, out -> out.writeByte(1));
        close(connection, session, tree, again, 0);
        assertNull(listener.files.find(7, List.of("f")));

        fileId(create(connection, session, tree, "dir", AccessMask.GENERIC_READ, SHARE_ALL, 2,
                Smb2CreateRequest.FILE_DIRECTORY_FILE, List.of()));
        listener.files.addFile(7, List.of("dir", "child"), new byte[1], 0644);
        Smb2FileId dir = open("dir", AccessMask.DELETE);
        assertEquals(NtStatus.STATUS_DIRECTORY_NOT_EMPTY, set(dir, InformationClass.FILE_DISPOSITION,
                out -> out.writeByte(1)).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, set(open("dir", AccessMask.GENERIC_READ),
                InformationClass.FILE_DISPOSITION, out -> out.writeByte(1)).status());
    }

    @Test
    void renameMovesTheFileAndRespectsReplaceAndOpenChildren() throws Exception {
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_RENAME,
                new FileRenameInformation(false, 0, "g")::encode).status());
        assertNull(listener.files.find(7, List.of("f")));
        assertNotNull(listener.files.find(7, List.of("g")));
        listener.files.addFile(7, List.of("h"), new byte[1], 0644);
        assertEquals(NtStatus.STATUS_OBJECT_NAME_COLLISION, set(file, InformationClass.FILE_RENAME,
                new FileRenameInformation(false, 0, "h")::encode).status());
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_RENAME,
                new FileRenameInformation(true, 0, "\\h")::encode).status(), "a leading backslash is tolerated");
        assertEquals(List.of("rename [g] [h]"), listener.files.calls.stream().filter(c -> c.startsWith("rename [g]"))
                .distinct().toList(), "the open's path followed the first rename");
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, set(file, InformationClass.FILE_RENAME,
                new FileRenameInformation(false, 42, "x")::encode).status(), "RootDirectory must be 0");
        assertEquals(NtStatus.STATUS_OBJECT_NAME_INVALID, set(file, InformationClass.FILE_RENAME,
                new FileRenameInformation(false, 0, "a\\..\\x")::encode).status());
        assertEquals(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND, set(file, InformationClass.FILE_RENAME,
                new FileRenameInformation(false, 0, "nowhere\\x")::encode).status());
        assertEquals(NtStatus.STATUS_INFO_LENGTH_MISMATCH, set(file, InformationClass.FILE_RENAME,
                out -> out.writeZero(16).writeIntLE(100)).status());

        fileId(create(connection, session, tree, "d", AccessMask.GENERIC_READ, SHARE_ALL, 2,
                Smb2CreateRequest.FILE_DIRECTORY_FILE, List.of()));
        fileId(create(connection, session, tree, "d\\inside", READ_WRITE, SHARE_ALL, 2, 0, List.of()));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, set(open("d", AccessMask.DELETE), InformationClass.FILE_RENAME,
                new FileRenameInformation(false, 0, "e")::encode).status(), "a directory with an open child");
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, set(open("h", AccessMask.GENERIC_READ),
                InformationClass.FILE_RENAME, new FileRenameInformation(false, 0, "z")::encode).status());
    }

    /**
     * smbtorture's smb2.rename share_delete_and_delete_access, no_share_delete_but_delete_access,
     * share_delete_no_delete_access and no_share_delete_no_delete_access: what an open of the target's directory
     * allows.
     */
    @Test
    void aRenameIntoADirectoryOpenForDeleteOrNotSharingDeleteIsASharingViolation() throws Exception {
        int listing = AccessMask.FILE_READ_DATA | AccessMask.FILE_READ_ATTRIBUTES;
        int shareReadWrite = SHARE_ALL & ~Smb2CreateRequest.FILE_SHARE_DELETE;
        fileId(create(connection, session, tree, "D", AccessMask.GENERIC_READ, SHARE_ALL, 2,
                Smb2CreateRequest.FILE_DIRECTORY_FILE, List.of()));
        Smb2FileId moved = fileId(create(connection, session, tree, "d\\moved", ALL, SHARE_ALL, 2, 0, List.of()));
        int[][] cases = {{listing | AccessMask.DELETE, SHARE_ALL, NtStatus.STATUS_SHARING_VIOLATION},
            {listing | AccessMask.DELETE, shareReadWrite, NtStatus.STATUS_SHARING_VIOLATION},
            {listing, shareReadWrite, NtStatus.STATUS_SHARING_VIOLATION},
            {listing, SHARE_ALL, NtStatus.STATUS_SUCCESS}};
        for (int i = 0; i < cases.length; i++) {
            Smb2FileId directory = fileId(create(connection, session, tree, "d", cases[i][0], cases[i][1], 1,
                    Smb2CreateRequest.FILE_DIRECTORY_FILE, List.of()));
            assertEquals(cases[i][2], set(moved, InformationClass.FILE_RENAME,
                    new FileRenameInformation(false, 0, "D\\moved" + i)::encode).status(), "case " + i);
            connection.request(Smb2Command.CLOSE, session, tree, new Smb2CloseRequest(0, directory)::encode);
        }
        assertNotNull(listener.files.find(7, List.of("D", "moved3")), "the rename that nothing blocked happened");
        assertEquals(NtStatus.STATUS_SUCCESS, set(moved, InformationClass.FILE_RENAME,
                new FileRenameInformation(false, 0, "d\\again")::encode).status(), "with the directory closed");
    }

    @Test
    void unsupportedAndMalformedRequestsAreRefused() throws Exception {
        assertEquals(NtStatus.STATUS_INVALID_INFO_CLASS, set(file, 11, out -> out.writeZero(24)).status());
        assertEquals(NtStatus.STATUS_NOT_SUPPORTED, connection.request(Smb2Command.SET_INFO, session, tree,
                new Smb2SetInfoRequest(4, 0, 0, file, new byte[20])::encode).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, connection.request(Smb2Command.SET_INFO, session, tree,
                body -> {
                    new Smb2SetInfoRequest(1, 4, 0, file, new byte[40]).encode(body);
                    body.setIntLE(64 + 4, 4000);       // BufferLength past the end
                }).status());
        assertEquals(NtStatus.STATUS_FILE_CLOSED, set(new Smb2FileId(5, 5), InformationClass.FILE_POSITION,
                out -> out.writeLongLE(0)).status());
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, InformationClass.FILE_POSITION, out -> out.writeLongLE(77))
                .status());
        ByteBuf position = Unpooled.wrappedBuffer(Smb2QueryInfoResponse.decode(connection.request(
                Smb2Command.QUERY_INFO, session, tree, new Smb2QueryInfoRequest(1, InformationClass.FILE_POSITION,
                        8, 0, 0, file)::encode).body()).output());
        assertEquals(77, position.getLongLE(0));
        assertTrue(connection.channel.isOpen());
    }
}
