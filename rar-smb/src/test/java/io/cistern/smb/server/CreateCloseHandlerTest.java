package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.fscc.FileAttributes;
import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2CloseRequest;
import io.cistern.smb.wire.Smb2CloseResponse;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateContext;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2CreateResponse;
import io.cistern.smb.wire.Smb2FileId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CREATE and CLOSE on one or two in-memory connections against the in-memory file tree. */
class CreateCloseHandlerTest {
    static final int OPEN = 1;
    static final int CREATE = 2;
    static final int OPEN_IF = 3;
    static final int OVERWRITE_IF = 5;
    static final int READ_WRITE = AccessMask.GENERIC_READ | AccessMask.GENERIC_WRITE;
    static final int SHARE_ALL = 7;

    private final RecordingListener listener = new RecordingListener();
    private final SharedFileRegistry openFiles = new SharedFileRegistry();
    private final SmbTestConnection connection = new SmbTestConnection(listener, openFiles);
    private final List<SmbTestConnection> others = new ArrayList<>();
    private LoggedOn session;
    private int tree;

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
        others.forEach(SmbTestConnection::finish);
    }

    private void connect() throws Exception {
        listener.addShare(7, "data", false);
        listener.addShare(8, "archive", true);
        session = connection.negotiateAndLogOn(0);
        tree = connection.connectTree(session, "data");
    }

    static Response create(SmbTestConnection on, LoggedOn session, int tree, String name, int access, int share,
                           int disposition, int options, List<Smb2CreateContext> contexts) throws Exception {
        return on.request(Smb2Command.CREATE, session, tree, new Smb2CreateRequest(0, 2, access, 0, share,
                disposition, options, name, contexts)::encode);
    }

    private Response create(String name, int access, int share, int disposition, int options) throws Exception {
        return create(connection, session, tree, name, access, share, disposition, options, List.of());
    }

    static Smb2FileId fileId(Response created) throws Exception {
        assertEquals(NtStatus.STATUS_SUCCESS, created.status(), NtStatus.hex(created.status()));
        return Smb2CreateResponse.decode(created.body()).fileId();
    }

    static Response close(SmbTestConnection on, LoggedOn session, int tree, Smb2FileId id, int flags)
            throws Exception {
        return on.request(Smb2Command.CLOSE, session, tree, new Smb2CloseRequest(flags, id)::encode);
    }

    @Test
    void aNewFileIsCreatedOpenedAndClosedWithItsAttributes() throws Exception {
        connect();
        Response created = create("dir-less.txt", READ_WRITE, SHARE_ALL, CREATE, Smb2CreateRequest.FILE_NON_DIRECTORY_FILE);
        Smb2CreateResponse answer = Smb2CreateResponse.decode(created.body());
        assertEquals(2, answer.createAction(), "FILE_CREATED");
        assertEquals(0, answer.oplockLevel(), "none asked, none granted");
        assertEquals(FileAttributes.ARCHIVE, answer.attributes().fileAttributes());
        assertNotEquals(0, answer.fileId().volatileId());
        assertNotNull(listener.files.find(7, List.of("dir-less.txt")));

        assertEquals(NtStatus.STATUS_OBJECT_NAME_COLLISION,
                create("DIR-LESS.TXT", READ_WRITE, SHARE_ALL, CREATE, 0).status(), "names resolve in any case");
        Response closed = close(connection, session, tree, answer.fileId(), Smb2CloseRequest.POSTQUERY_ATTRIB);
        Smb2CloseResponse attributes = Smb2CloseResponse.decode(closed.body());
        assertEquals(Smb2CloseRequest.POSTQUERY_ATTRIB, attributes.flags());
        assertEquals(FileAttributes.ARCHIVE, attributes.attributes().fileAttributes());
        assertEquals(answer.attributes().creationTime(), attributes.attributes().creationTime());
        assertEquals(NtStatus.STATUS_FILE_CLOSED, close(connection, session, tree, answer.fileId(), 0).status(),
                "a closed FileId is gone");
    }

    /** smbtorture's smb2.create.impersonation: 3.3.5.9 knows four levels, 0 to 3. */
    @Test
    void anUnknownImpersonationLevelIsRefusedBeforeTheApplicationIsAsked() throws Exception {
        connect();
        for (int level : new int[] {4, 0x12345678, -1}) {
            Response refused = connection.request(Smb2Command.CREATE, session, tree, new Smb2CreateRequest(0, level,
                    READ_WRITE, 0, SHARE_ALL, CREATE, 0, "imp.txt", List.of())::encode);
            assertEquals(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, refused.status(), "level " + level);
        }
        assertTrue(listener.files.calls.isEmpty(), listener.files.calls.toString());
        fileId(connection.request(Smb2Command.CREATE, session, tree, new Smb2CreateRequest(0, 3, READ_WRITE, 0,
                SHARE_ALL, CREATE, 0, "imp.txt", List.of())::encode));
    }

    /** smbtorture's smb2.create.delete: only writing data needs a read-only file to be writable. */
    @Test
    void aReadOnlyFileOpensForItsAttributesAndForDeleteButNotForWritingData() throws Exception {
        connect();
        listener.files.addFile(7, List.of("ro.txt"), new byte[3], 0444);
        int attributes = AccessMask.FILE_READ_ATTRIBUTES | AccessMask.FILE_WRITE_ATTRIBUTES;
        fileId(create("ro.txt", attributes, SHARE_ALL, OPEN, 0));
        fileId(create("ro.txt", AccessMask.DELETE, SHARE_ALL, OPEN, 0));
        fileId(create("ro.txt", AccessMask.FILE_WRITE_EA | AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER, SHARE_ALL,
                OPEN, 0));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, create("ro.txt", AccessMask.FILE_WRITE_DATA, SHARE_ALL, OPEN, 0)
                .status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, create("ro.txt", AccessMask.FILE_APPEND_DATA, SHARE_ALL, OPEN, 0)
                .status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, create("ro.txt", AccessMask.GENERIC_WRITE, SHARE_ALL, OPEN, 0)
                .status());
    }

    @Test
    void directoriesAndTheShareTopOpenAsDirectories() throws Exception {
        connect();
        Response made = create("sub", AccessMask.GENERIC_READ, SHARE_ALL, CREATE, Smb2CreateRequest.FILE_DIRECTORY_FILE);
        assertEquals(FileAttributes.DIRECTORY, Smb2CreateResponse.decode(made.body()).attributes().fileAttributes());
        Response top = create("", AccessMask.GENERIC_READ, SHARE_ALL, OPEN, 0);
        assertEquals(FileAttributes.DIRECTORY, Smb2CreateResponse.decode(top.body()).attributes().fileAttributes());
        Response hidden = create("sub\\.profile", READ_WRITE, SHARE_ALL, CREATE, 0);
        assertEquals(FileAttributes.ARCHIVE | FileAttributes.HIDDEN,
                Smb2CreateResponse.decode(hidden.body()).attributes().fileAttributes());
        assertEquals(NtStatus.STATUS_NOT_A_DIRECTORY, create("sub\\.profile", AccessMask.GENERIC_READ, SHARE_ALL,
                OPEN, Smb2CreateRequest.FILE_DIRECTORY_FILE).status());
        assertEquals(NtStatus.STATUS_FILE_IS_A_DIRECTORY, create("sub", AccessMask.GENERIC_READ, SHARE_ALL, OPEN,
                Smb2CreateRequest.FILE_NON_DIRECTORY_FILE).status());
    }

    @Test
    void missingNamesAndMissingDirectoriesAreTellApart() throws Exception {
        connect();
        assertEquals(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
                create("nothing", AccessMask.GENERIC_READ, SHARE_ALL, OPEN, 0).status());
        assertEquals(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND,
                create("no\\where", AccessMask.GENERIC_READ, SHARE_ALL, OPEN_IF, 0).status());
    }

    @Test
    void namesSmbForbidsNeverReachTheApplication() throws Exception {
        connect();
        for (String bad : new String[] {"a\\..\\b", "a\\..", ".", "a\\\\b", "a\\", "x*y", "x?y", "a<b", "a|b", "a\"b",
            "tab\tname", "x".repeat(256), "é".repeat(128)}) {
            assertEquals(NtStatus.STATUS_OBJECT_NAME_INVALID,
                    create(bad, AccessMask.GENERIC_READ, SHARE_ALL, OPEN_IF, 0).status(), bad);
        }
        for (String above : new String[] {"..", "..\\..\\..", "..\\data"}) {
            assertEquals(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD,
                    create(above, AccessMask.GENERIC_READ, SHARE_ALL, OPEN_IF, 0).status(), "above the share: " + above);
        }
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER,
                create("\\lead", AccessMask.GENERIC_READ, SHARE_ALL, OPEN_IF, 0).status());
        assertEquals(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
                create("file:alt", AccessMask.GENERIC_READ, SHARE_ALL, OPEN_IF, 0).status(), "no named streams");
        assertTrue(listener.files.calls.isEmpty(), listener.files.calls.toString());
        fileId(create("plain::$DATA", READ_WRITE, SHARE_ALL, CREATE, 0));
        assertNotNull(listener.files.find(7, List.of("plain")), "the default stream names the file");
        fileId(create("x".repeat(255), READ_WRITE, SHARE_ALL, CREATE, 0));
    }

    @Test
    void malformedCreatesAndForgedFileIdsGetTheirStatusAndTheConnectionGoesOn() throws Exception {
        connect();
        Response truncated = connection.request(Smb2Command.CREATE, session, tree,
                body -> body.writeShortLE(57).writeZero(20));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, truncated.status());
        Response badOffset = connection.request(Smb2Command.CREATE, session, tree, body -> {
            new Smb2CreateRequest(0, 2, READ_WRITE, 0, SHARE_ALL, OPEN_IF, 0, "name", List.of()).encode(body);
            body.setShortLE(64 + 44, 4000);            // NameOffset past the end
        });
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, badOffset.status());
        Response wrongSize = connection.request(Smb2Command.CREATE, session, tree, body -> {
            new Smb2CreateRequest(0, 2, READ_WRITE, 0, SHARE_ALL, OPEN_IF, 0, "name", List.of()).encode(body);
            body.setShortLE(64, 56);
        });
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, wrongSize.status());
        Response badContexts = connection.request(Smb2Command.CREATE, session, tree, body -> {
            new Smb2CreateRequest(0, 2, READ_WRITE, 0, SHARE_ALL, OPEN_IF, 0, "name",
                    List.of(new Smb2CreateContext("MxAc", new byte[0]))).encode(body);
            body.setIntLE(body.writerIndex() - 24, 0x7FFF_FFF0);   // the context's Next far outside
        });
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, badContexts.status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, create("bad", READ_WRITE, SHARE_ALL, 9, 0).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, create("bad", READ_WRITE, SHARE_ALL, OPEN_IF,
                Smb2CreateRequest.FILE_DIRECTORY_FILE | Smb2CreateRequest.FILE_NON_DIRECTORY_FILE).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, create("bad", AccessMask.GENERIC_READ, SHARE_ALL, OPEN_IF,
                Smb2CreateRequest.FILE_DELETE_ON_CLOSE).status(), "delete-on-close without DELETE");

        Smb2FileId real = fileId(create("real", READ_WRITE, SHARE_ALL, CREATE, 0));
        assertEquals(NtStatus.STATUS_FILE_CLOSED, close(connection, session, tree,
                new Smb2FileId(real.persistent(), real.volatileId() ^ 1), 0).status(), "a forged volatile part");
        assertEquals(NtStatus.STATUS_FILE_CLOSED, close(connection, session, tree,
                new Smb2FileId(real.persistent() + 1, real.volatileId()), 0).status(), "a forged persistent part");
        int other = connection.connectTree(session, "data");
        assertEquals(NtStatus.STATUS_FILE_CLOSED, close(connection, session, other, real, 0).status(),
                "another tree's FileId");
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, connection.request(Smb2Command.CLOSE, session, tree,
                body -> body.writeShortLE(24).writeZero(6)).status(), "a truncated CLOSE");
        assertEquals(NtStatus.STATUS_SUCCESS, close(connection, session, tree, real, 0).status());
        assertTrue(connection.channel.isOpen());
    }

    @Test
    void shareAccessHoldsAcrossConnections() throws Exception {
        connect();
        SmbTestConnection second = new SmbTestConnection(listener, openFiles);
        others.add(second);
        second.negotiate();
        LoggedOn bob = second.logOn(0);
        int bobTree = second.connectTree(bob, "data");

        Smb2FileId exclusive = fileId(create("locked", READ_WRITE, 0, CREATE, 0));
        assertEquals(NtStatus.STATUS_SHARING_VIOLATION, create(second, bob, bobTree, "locked",
                AccessMask.GENERIC_READ, SHARE_ALL, OPEN, 0, List.of()).status());
        Smb2FileId attributesOnly = fileId(create(second, bob, bobTree, "locked", AccessMask.FILE_READ_ATTRIBUTES,
                SHARE_ALL, OPEN, 0, List.of()));
        close(second, bob, bobTree, attributesOnly, 0);
        close(connection, session, tree, exclusive, 0);

        Smb2FileId reader = fileId(create("locked", AccessMask.GENERIC_READ, Smb2CreateRequest.FILE_SHARE_READ,
                OPEN, 0));
        assertEquals(NtStatus.STATUS_SHARING_VIOLATION, create(second, bob, bobTree, "locked", READ_WRITE, SHARE_ALL,
                OPEN, 0, List.of()).status(), "a writer where the reader shares only reading");
        assertEquals(NtStatus.STATUS_SHARING_VIOLATION, create(second, bob, bobTree, "locked",
                AccessMask.GENERIC_READ, Smb2CreateRequest.FILE_SHARE_READ, OVERWRITE_IF, 0, List.of()).status(),
                "an overwrite is refused before it truncates");
        fileId(create(second, bob, bobTree, "locked", AccessMask.GENERIC_READ, SHARE_ALL, OPEN, 0, List.of()));
        assertEquals(NtStatus.STATUS_SUCCESS, close(connection, session, tree, reader, 0).status());
    }

    @Test
    void deleteOnCloseDeletesAtTheLastCloseAndRefusesNonEmptyDirectories() throws Exception {
        connect();
        Smb2FileId doomed = fileId(create("doomed", READ_WRITE | AccessMask.DELETE, SHARE_ALL, CREATE,
                Smb2CreateRequest.FILE_DELETE_ON_CLOSE));
        Smb2FileId other = fileId(create("doomed", AccessMask.GENERIC_READ, SHARE_ALL, OPEN, 0));
        close(connection, session, tree, doomed, 0);
        assertNotNull(listener.files.find(7, List.of("doomed")), "another open still holds it");
        assertEquals(NtStatus.STATUS_DELETE_PENDING,
                create("doomed", AccessMask.GENERIC_READ, SHARE_ALL, OPEN, 0).status());
        close(connection, session, tree, other, 0);
        assertNull(listener.files.find(7, List.of("doomed")), "deleted at the last close");

        fileId(create("full", AccessMask.GENERIC_READ, SHARE_ALL, CREATE, Smb2CreateRequest.FILE_DIRECTORY_FILE));
        fileId(create("full\\child", READ_WRITE, SHARE_ALL, CREATE, 0));
        assertEquals(NtStatus.STATUS_DIRECTORY_NOT_EMPTY, create("full", AccessMask.DELETE, SHARE_ALL, OPEN,
                Smb2CreateRequest.FILE_DIRECTORY_FILE | Smb2CreateRequest.FILE_DELETE_ON_CLOSE).status());
    }

    @Test
    void treeDisconnectAndLogoffCloseOpensAndHonourDeleteOnClose() throws Exception {
        connect();
        fileId(create("gone-with-tree", READ_WRITE | AccessMask.DELETE, 0, CREATE,
                Smb2CreateRequest.FILE_DELETE_ON_CLOSE));
        assertEquals(NtStatus.STATUS_SUCCESS, connection.send(connection.onTree(Smb2Command.TREE_DISCONNECT,
                session, tree)).status());
        assertNull(listener.files.find(7, List.of("gone-with-tree")));
        tree = connection.connectTree(session, "data");
        fileId(create("gone-with-session", READ_WRITE | AccessMask.DELETE, 0, CREATE,
                Smb2CreateRequest.FILE_DELETE_ON_CLOSE));
        fileId(create("kept", READ_WRITE, 0, CREATE, 0));
        assertEquals(NtStatus.STATUS_SUCCESS, connection.send(connection.onTree(Smb2Command.LOGOFF, session, 0))
                .status());
        assertNull(listener.files.find(7, List.of("gone-with-session")));
        assertEquals(0, openFiles.size(), "no open outlives its session");
        LoggedOn again = connection.logOn(0);
        int newTree = connection.connectTree(again, "data");
        fileId(create(connection, again, newTree, "kept", READ_WRITE, 0, OPEN, 0, List.of()));
        connection.channel.close();
        assertEquals(0, openFiles.size(), "nor its connection");
    }

    @Test
    void aReadOnlyTreeRefusesWritingBeforeAskingTheApplication() throws Exception {
        connect();
        int archive = connection.connectTree(session, "archive");
        for (int access : new int[] {AccessMask.GENERIC_WRITE, AccessMask.FILE_WRITE_DATA, AccessMask.DELETE,
            AccessMask.GENERIC_ALL}) {
            assertEquals(NtStatus.STATUS_ACCESS_DENIED, create(connection, session, archive, "f", access, SHARE_ALL,
                    OPEN, 0, List.of()).status());
        }
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, create(connection, session, archive, "f",
                AccessMask.GENERIC_READ, SHARE_ALL, CREATE, 0, List.of()).status());
        assertTrue(listener.files.calls.isEmpty(), listener.files.calls.toString());
        Response maximum = create(connection, session, archive, "", AccessMask.MAXIMUM_ALLOWED, SHARE_ALL, OPEN, 0,
                List.of());
        assertEquals(NtStatus.STATUS_SUCCESS, maximum.status(), "MAXIMUM_ALLOWED is what the tree allows");
    }

    @Test
    void maximalAccessAndOnDiskIdAreAnsweredAndLeasesAreNot() throws Exception {
        connect();
        Response created = create(connection, session, tree, "ctx", READ_WRITE, SHARE_ALL, CREATE, 0, List.of(
                new Smb2CreateContext("MxAc", new byte[0]), new Smb2CreateContext("QFid", new byte[0]),
                new Smb2CreateContext("RqLs", new byte[32]), new Smb2CreateContext("DHnQ", new byte[16]),
                new Smb2CreateContext("Zzzz", new byte[3])));
        List<Smb2CreateContext> contexts = Smb2CreateResponse.decode(created.body()).createContexts();
        assertEquals(List.of("MxAc", "QFid"), contexts.stream().map(Smb2CreateContext::name).toList());
        ByteBuf maximal = Unpooled.wrappedBuffer(contexts.get(0).data());
        assertEquals(0, maximal.readIntLE());
        assertEquals(AccessMask.ALL_FILE_RIGHTS, maximal.readIntLE());
        long fileNumber = listener.files.find(7, List.of("ctx")).id;
        byte[] expected = Unpooled.buffer(32).writeLongLE(fileNumber).writeLongLE(0).writeLongLE(7).writeLongLE(0)
                .array();
        assertArrayEquals(expected, contexts.get(1).data());
    }

    @Test
    void tryLaterIsAskedAgainAndOnlyThenTimesOut() throws Exception {
        connect();
        listener.files.tryLater.set(3);
        fileId(create("patient", READ_WRITE, SHARE_ALL, CREATE, 0));
        assertEquals(4, listener.files.calls.stream().filter(c -> c.startsWith("open")).count());
        listener.files.tryLater.set(1_000_000);
        assertEquals(NtStatus.STATUS_IO_TIMEOUT, create("hopeless", READ_WRITE, SHARE_ALL, CREATE, 0).status());
        listener.files.tryLater.set(0);
    }

    @Test
    void pipeTreesHaveTheSrvsvcPipeAndNoOther() throws Exception {
        connect();
        int ipc = connection.connectTree(session, "IPC$");
        assertEquals(NtStatus.STATUS_SUCCESS, create(connection, session, ipc, "SRVSVC", READ_WRITE, SHARE_ALL,
                OPEN, 0, List.of()).status(), "srvsvc in any case");
        assertEquals(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, create(connection, session, ipc, "winreg", READ_WRITE,
                SHARE_ALL, OPEN, 0, List.of()).status());
    }

    @Test
    void anApplicationThatFailsMidCreateLeavesNoShareAccessBehind() throws Exception {
        connect();
        listener.files.addFile(7, List.of("fragile"), new byte[10], 0666);
        listener.resizeFailure = new IllegalStateException("the database went away mid-create");
        assertEquals(NtStatus.STATUS_INTERNAL_ERROR, create(connection, session, tree, "fragile", READ_WRITE, 0,
                OVERWRITE_IF, 0, List.of()).status(), "an overwrite that shares nothing, failing after registering");
        listener.resizeFailure = null;
        assertEquals(NtStatus.STATUS_SUCCESS, create(connection, session, tree, "fragile", READ_WRITE, SHARE_ALL,
                OPEN, 0, List.of()).status(), "the failed open holds no share access");
        assertEquals(0, openFiles.size() - 1, "only the new open is registered");
    }
}
