package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.OplockLevel;
import io.cistern.smb.wire.Smb2CloseRequest;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateContext;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2CreateResponse;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2OplockBreak;
import io.cistern.smb.wire.Smb2WriteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Oplocks ([MS-SMB2] 3.3.5.9, 3.3.4.6, 3.3.5.22.1) between two in-memory connections that share one registry: what
 * is granted, the break notification a second open causes, the CREATE held (STATUS_PENDING) until the holder
 * acknowledges, closes, disconnects or lets the timer run out, and the acknowledgments the spec refuses.
 */
class OplockBreakHandlerTest {
    static final int OPEN_IF = 3;
    static final int OVERWRITE_IF = 5;
    static final int READ_WRITE = AccessMask.GENERIC_READ | AccessMask.GENERIC_WRITE;
    static final int SHARE_ALL = 7;

    private final RecordingListener listener = new RecordingListener();
    private final SharedFileRegistry openFiles = new SharedFileRegistry(Duration.ofSeconds(30));
    private final List<SmbTestConnection> connections = new ArrayList<>();

    @AfterEach
    void nothingLeftOver() {
        connections.forEach(SmbTestConnection::finish);
    }

    /** A connected, logged-on client on the share "data". */
    record Client(SmbTestConnection connection, LoggedOn session, int tree) {
        Response create(int oplock, String name, int access, int share, int disposition,
                        List<Smb2CreateContext> contexts) throws Exception {
            return connection.request(Smb2Command.CREATE, session, tree, new Smb2CreateRequest(oplock, 2, access, 0,
                    share, disposition, 0, name, contexts)::encode);
        }

        Response create(int oplock, String name) throws Exception {
            return create(oplock, name, READ_WRITE, SHARE_ALL, OPEN_IF, List.of());
        }

        Response acknowledge(int level, Smb2FileId fileId) throws Exception {
            return connection.request(Smb2Command.OPLOCK_BREAK, session, tree,
                    new Smb2OplockBreak(level, fileId)::encode);
        }

        Response close(Smb2FileId fileId) throws Exception {
            return connection.request(Smb2Command.CLOSE, session, tree, new Smb2CloseRequest(0, fileId)::encode);
        }

        /** An SMB2 CANCEL of the async request {@code asyncId}; never answered itself. */
        void cancel(long asyncId) {
            Smb2Header header = new Smb2Header(0, 0, Smb2Command.CANCEL, 0, Smb2Header.FLAGS_ASYNC_COMMAND, 0, 0, 0, 0,
                    asyncId, session.sessionId(), new byte[16]);
            connection.channel.writeInbound(SmbTestConnection.frame(SmbTestConnection.message(header,
                    body -> body.writeShortLE(4).writeShortLE(0))));
        }
    }

    Client client(SharedFileRegistry registry, int dialect, java.util.UUID guid) throws Exception {
        SmbTestConnection connection = new SmbTestConnection(listener, registry);
        connections.add(connection);
        listener.addAccount(SmbTestConnection.USER, SmbTestConnection.PASSWORD, 1000);
        listener.addShare(7, "data", false);
        connection.negotiate(dialect, 0, guid);
        LoggedOn session = connection.logOn(0);
        return new Client(connection, session, connection.connectTree(session, "data"));
    }

    Client client() throws Exception {
        return client(openFiles, 0x0202, SmbRequests.CLIENT_GUID);
    }

    static Smb2CreateResponse created(Response response) throws Exception {
        assertEquals(NtStatus.STATUS_SUCCESS, response.status(), NtStatus.hex(response.status()));
        return Smb2CreateResponse.decode(response.body());
    }

    /** The unsolicited notification of 2.2.23.1 on {@code holder}'s connection. */
    static Smb2OplockBreak notification(Client holder) throws Exception {
        Response note = holder.connection().receive();
        assertEquals(Smb2Command.OPLOCK_BREAK, note.header().command());
        assertEquals(-1L, note.header().messageId(), "MessageId 0xFFFFFFFFFFFFFFFF");
        assertEquals(0L, note.header().sessionId());
        assertEquals(0, note.header().flags() & Smb2Header.FLAGS_SIGNED, "never signed");
        assertEquals(Smb2Header.FLAGS_SERVER_TO_REDIR, note.header().flags() & Smb2Header.FLAGS_SERVER_TO_REDIR);
        return Smb2OplockBreak.decode(note.body());
    }

    static long pending(Response interim) {
        assertEquals(NtStatus.STATUS_PENDING, interim.status(), NtStatus.hex(interim.status()));
        assertTrue(interim.header().isAsync());
        return interim.header().asyncId();
    }

    @Test
    void aBatchOplockBreaksToLevelTwoAndTheSecondCreateWaitsForTheAcknowledgment() throws Exception {
        Client a = client();
        Client b = client();
        Smb2CreateResponse first = created(a.create(OplockLevel.BATCH, "shared.txt"));
        assertEquals(OplockLevel.BATCH, first.oplockLevel(), "alone on the file: what was asked");

        pending(b.create(OplockLevel.BATCH, "shared.txt"));
        Smb2OplockBreak note = notification(a);
        assertEquals(OplockLevel.II, note.oplockLevel());
        assertEquals(first.fileId(), note.fileId());
        assertNull(b.connection().channel.readOutbound(), "B waits for A's acknowledgment");

        Response acked = a.acknowledge(OplockLevel.II, first.fileId());
        assertEquals(NtStatus.STATUS_SUCCESS, acked.status());
        assertEquals(new Smb2OplockBreak(OplockLevel.II, first.fileId()), Smb2OplockBreak.decode(acked.body()));
        Response last = b.connection().receive();
        assertTrue(last.header().isAsync(), "the final response of the async CREATE");
        assertEquals(OplockLevel.II, created(last).oplockLevel(), "another open: level II at most");
        assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, a.acknowledge(OplockLevel.II, first.fileId()).status(),
                "nothing breaks any more");
    }

    @Test
    void closingTheHolderEndsTheBreakAndTheWaiterGetsWhatItAsked() throws Exception {
        Client a = client();
        Client b = client();
        Smb2FileId held = created(a.create(OplockLevel.EXCLUSIVE, "f")).fileId();
        pending(b.create(OplockLevel.EXCLUSIVE, "f"));
        assertEquals(OplockLevel.II, notification(a).oplockLevel());
        assertEquals(NtStatus.STATUS_SUCCESS, a.close(held).status());
        assertEquals(OplockLevel.EXCLUSIVE, created(b.connection().receive()).oplockLevel(), "alone once A closed");
    }

    @Test
    void aHolderThatDisconnectsReleasesTheWaiter() throws Exception {
        Client a = client();
        Client b = client();
        created(a.create(OplockLevel.BATCH, "gone.txt"));
        pending(b.create(OplockLevel.NONE, "gone.txt"));
        notification(a);
        a.connection().channel.close();
        assertEquals(OplockLevel.NONE, created(b.connection().receive()).oplockLevel());
        assertEquals(1, openFiles.size(), "the file is still open, by B alone");
    }

    @Test
    void anUnacknowledgedBreakTimesOutAndLeavesTheHolderNothing() throws Exception {
        SharedFileRegistry quick = new SharedFileRegistry(Duration.ofMillis(30));
        Client a = client(quick, 0x0202, SmbRequests.CLIENT_GUID);
        Client b = client(quick, 0x0202, SmbRequests.CLIENT_GUID);
        Smb2FileId held = created(a.create(OplockLevel.BATCH, "slow")).fileId();
        pending(b.create(OplockLevel.II, "slow"));
        notification(a);
        Thread.sleep(60);
        a.connection().channel.runPendingTasks();
        assertEquals(OplockLevel.II, created(b.connection().receive()).oplockLevel());
        assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, a.acknowledge(OplockLevel.II, held).status(),
                "the break ended with the timer");
    }

    @Test
    void acknowledgmentsTheSpecRefuses() throws Exception {
        Client a = client();
        Client b = client();
        Smb2FileId held = created(a.create(OplockLevel.BATCH, "x")).fileId();
        assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, a.acknowledge(OplockLevel.NONE, held).status(),
                "not breaking");
        assertEquals(NtStatus.STATUS_FILE_CLOSED, a.acknowledge(OplockLevel.NONE, new Smb2FileId(9, 9)).status());
        pending(b.create(OplockLevel.NONE, "x"));
        notification(a);
        assertEquals(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL, a.acknowledge(OplockLevel.EXCLUSIVE, held).status(),
                "a level above the one offered");
        assertEquals(OplockLevel.NONE, created(b.connection().receive()).oplockLevel(),
                "the refused acknowledgment still ends the break");
        assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, a.acknowledge(OplockLevel.NONE, held).status(),
                "A was left no oplock");
    }

    @Test
    void directoriesGetNoOplockAndAnExclusiveHolderMeetsASharingViolationUnbroken() throws Exception {
        Client a = client();
        Client b = client();
        Smb2CreateResponse dir = Smb2CreateResponse.decode(a.connection().request(Smb2Command.CREATE, a.session(),
                a.tree(), new Smb2CreateRequest(OplockLevel.BATCH, 2, AccessMask.GENERIC_READ, 0, SHARE_ALL, 2,
                        Smb2CreateRequest.FILE_DIRECTORY_FILE, "sub", List.of())::encode).body());
        assertEquals(OplockLevel.NONE, dir.oplockLevel());
        created(a.create(OplockLevel.EXCLUSIVE, "locked.txt", READ_WRITE, 0, OPEN_IF, List.of()));
        assertEquals(NtStatus.STATUS_SHARING_VIOLATION,
                b.create(OplockLevel.NONE, "locked.txt").status(), "no break for an exclusive oplock, at once");
    }

    @Test
    void aWriteBreaksTheOtherLevelTwoOplocksToNoneWithoutWaiting() throws Exception {
        Client a = client();
        Client b = client();
        created(a.create(OplockLevel.II, "both"));
        Smb2FileId writer = created(b.create(OplockLevel.II, "both")).fileId();
        Response written = b.connection().request(Smb2Command.WRITE, b.session(), b.tree(),
                new Smb2WriteRequest(0, writer, 0, new byte[] {1, 2, 3})::encode);
        assertEquals(NtStatus.STATUS_SUCCESS, written.status());
        assertEquals(OplockLevel.NONE, notification(a).oplockLevel(), "A's cached reads go");
    }

    @Test
    void aCancelledWaitingCreateIsAnsweredCancelledAndLeavesNoOpen() throws Exception {
        Client a = client();
        Client b = client();
        Smb2FileId held = created(a.create(OplockLevel.BATCH, "c")).fileId();
        long asyncId = pending(b.create(OplockLevel.NONE, "c"));
        notification(a);
        b.cancel(asyncId);
        assertEquals(NtStatus.STATUS_CANCELLED, b.connection().receive().status());
        assertEquals(NtStatus.STATUS_SUCCESS, a.acknowledge(OplockLevel.NONE, held).status());
        assertNull(b.connection().channel.readOutbound(), "nothing more for B");
        assertEquals(1, openFiles.size(), "only A's file is open");
    }
}
