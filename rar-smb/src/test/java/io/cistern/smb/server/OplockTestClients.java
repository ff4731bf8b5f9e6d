package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2CloseRequest;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateContext;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2CreateResponse;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2OplockBreak;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Clients for the oplock and lease tests: in-memory connections of one listener (sharing its registry), each
 * negotiated, logged on and connected to the share "data", with the requests those tests send.
 */
final class OplockTestClients {
    static final int OPEN_IF = 3;
    static final int READ_WRITE = AccessMask.GENERIC_READ | AccessMask.GENERIC_WRITE;
    static final int SHARE_ALL = 7;

    private final RecordingListener listener = new RecordingListener();
    private final List<SmbTestConnection> connections = new ArrayList<>();

    /** The files the clients' listener holds. */
    MemoryFileTree files() {
        return listener.files;
    }

    /** Asserts that no connection has an answer left unread, and closes them. */
    void finish() {
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

    Client client(SharedFileRegistry registry, int dialect, UUID guid) throws Exception {
        SmbTestConnection connection = new SmbTestConnection(listener, registry);
        connections.add(connection);
        listener.addAccount(SmbTestConnection.USER, SmbTestConnection.PASSWORD, 1000);
        listener.addShare(7, "data", false);
        connection.negotiate(dialect, 0, guid);
        LoggedOn session = connection.logOn(0);
        return new Client(connection, session, connection.connectTree(session, "data"));
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

}
