package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.crypto.HmacSha256Signer;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2EchoResponse;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2NegotiateRequest;
import io.cistern.smb.wire.Smb2SessionSetupRequest;
import io.cistern.smb.wire.Smb2SessionSetupResponse;
import io.cistern.smb.wire.Smb2TreeConnectRequest;
import io.cistern.smb.wire.Smb2TreeConnectResponse;
import io.cistern.smb.wire.Smb2TreeDisconnectResponse;
import io.netty.buffer.ByteBuf;
import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TREE_CONNECT, TREE_DISCONNECT, the TreeId check of every command that works on a tree, and ECHO, on one
 * connection whose sessions are logged on with smbj's client-side NTLM.
 */
class TreeConnectHandlerTest {
    private static final String USER = SmbTestConnection.USER;
    private static final String PASSWORD = SmbTestConnection.PASSWORD;

    private final RecordingListener listener = new RecordingListener();
    private final SmbTestConnection connection = new SmbTestConnection(listener);

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    @Test
    void aKnownShareInAnyCaseGivesADiskTreeWithFullRights() throws Exception {
        listener.addShare(7, "data", false);
        LoggedOn session = negotiateAndLogOn(0);
        Response connected = send(treeConnect(session, "\\\\some-alias\\DATA", false));
        assertEquals(NtStatus.STATUS_SUCCESS, connected.status());
        assertEquals(Smb2Command.TREE_CONNECT, connected.header().command());
        assertNotEquals(0, connected.header().treeId(), "the new TreeId is in the header");
        assertEquals(session.sessionId(), connected.header().sessionId());
        assertEquals(new Smb2TreeConnectResponse(Smb2TreeConnectResponse.SHARE_TYPE_DISK, 0, 0, 0x001F_01FF),
                treeConnectAnswer(connected), "no share flags or capabilities: nothing they announce is implemented");
        assertEquals(List.of("alice:DATA"), listener.shareLookups, "the account and the share part as sent");
    }

    @Test
    void aReadOnlyShareGrantsReadingAndExecutingOnly() throws Exception {
        listener.addShare(8, "archive", true);
        LoggedOn session = negotiateAndLogOn(0);
        Smb2TreeConnectResponse answer = treeConnectAnswer(send(treeConnect(session, "\\\\srv\\archive", false)));
        assertEquals(AccessMask.READ_AND_EXECUTE, answer.maximalAccess());
        assertEquals(0, answer.maximalAccess() & (AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA
                | AccessMask.DELETE | AccessMask.FILE_WRITE_ATTRIBUTES));
    }

    @Test
    void anUnknownShareIsABadNetworkNameAndTheSessionGoesOn() throws Exception {
        listener.addShare(7, "data", false);
        LoggedOn session = negotiateAndLogOn(0);
        assertEquals(NtStatus.STATUS_BAD_NETWORK_NAME, send(treeConnect(session, "\\\\srv\\nope", false)).status());
        assertEquals(NtStatus.STATUS_BAD_NETWORK_NAME,
                send(treeConnect(session, "\\\\srv\\" + "x".repeat(81), false)).status());
        assertEquals(List.of("alice:nope"), listener.shareLookups, "an over-long name is not looked up");
        assertEquals(NtStatus.STATUS_SUCCESS, send(treeConnect(session, "\\\\srv\\data", false)).status());
    }

    @Test
    void pathsNotOfTheFormServerShareAreInvalidParameters() throws Exception {
        LoggedOn session = negotiateAndLogOn(0);
        for (String path : new String[] {"", "data", "\\\\srv", "\\\\srv\\", "\\\\\\data", "\\\\srv\\data\\dir"}) {
            assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(treeConnect(session, path, false)).status(), path);
        }
        ByteBuf outOfBounds = frame(message(header(Smb2Command.TREE_CONNECT, session.sessionId(), 0, 0),
                body -> body.writeShortLE(9).writeShortLE(0).writeShortLE(72).writeShortLE(200).writeZero(8)));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(outOfBounds).status());
        assertTrue(listener.shareLookups.isEmpty(), "nothing malformed reaches the application");
    }

    @Test
    void ipcIsAPipeTreeTheApplicationIsNotAskedFor() throws Exception {
        LoggedOn session = negotiateAndLogOn(0);
        for (String ipc : new String[] {"\\\\srv\\IPC$", "\\\\srv\\ipc$"}) {
            Response connected = send(treeConnect(session, ipc, false));
            assertEquals(NtStatus.STATUS_SUCCESS, connected.status());
            assertEquals(Smb2TreeConnectResponse.SHARE_TYPE_PIPE, treeConnectAnswer(connected).shareType());
            assertNotEquals(0, connected.header().treeId());
        }
        assertTrue(listener.shareLookups.isEmpty());
    }

    @Test
    void treeIdsAreDistinctAndADisconnectedOneIsDeletedAfterwards() throws Exception {
        listener.addShare(7, "data", false);
        LoggedOn session = negotiateAndLogOn(0);
        int first = send(treeConnect(session, "\\\\srv\\data", false)).header().treeId();
        int second = send(treeConnect(session, "\\\\srv\\data", false)).header().treeId();
        assertNotEquals(first, second, "a second tree connect to the same share");

        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(onTree(Smb2Command.OPLOCK_BREAK, session, first))
                .status(), "a command on a live tree reaches its handler, which finds no acknowledgment in 4 bytes");
        Response disconnected = send(onTree(Smb2Command.TREE_DISCONNECT, session, first));
        assertEquals(NtStatus.STATUS_SUCCESS, disconnected.status());
        assertEquals(first, disconnected.header().treeId(), "the response names the tree it ended");
        assertEquals(Smb2TreeDisconnectResponse.INSTANCE, Smb2TreeDisconnectResponse.decode(disconnected.body()));

        assertEquals(NtStatus.STATUS_NETWORK_NAME_DELETED,
                send(onTree(Smb2Command.TREE_DISCONNECT, session, first)).status());
        assertEquals(NtStatus.STATUS_NETWORK_NAME_DELETED, send(onTree(Smb2Command.CREATE, session, first)).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(onTree(Smb2Command.OPLOCK_BREAK, session, second))
                .status(), "the other tree lives on");
    }

    @Test
    void commandsOnATreeTheSessionDoesNotHaveAreNetworkNameDeleted() throws Exception {
        listener.addShare(7, "data", false);
        LoggedOn alice = negotiateAndLogOn(0);
        int tree = send(treeConnect(alice, "\\\\srv\\data", false)).header().treeId();
        LoggedOn again = logOn(0);
        for (int command : new int[] {Smb2Command.CREATE, Smb2Command.CLOSE, Smb2Command.READ, Smb2Command.WRITE,
            Smb2Command.QUERY_DIRECTORY, Smb2Command.IOCTL, Smb2Command.TREE_DISCONNECT}) {
            assertEquals(NtStatus.STATUS_NETWORK_NAME_DELETED, send(onTree(command, again, tree)).status(),
                    "a tree of another session: " + Smb2Command.name(command));
            assertEquals(NtStatus.STATUS_NETWORK_NAME_DELETED, send(onTree(command, alice, 0)).status(),
                    "TreeId 0: " + Smb2Command.name(command));
        }
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(onTree(Smb2Command.OPLOCK_BREAK, alice, tree)).status(),
                "its own tree: the handler, which finds no acknowledgment in 4 bytes");
    }

    @Test
    void logoffTakesTheSessionsTreesWithIt() throws Exception {
        listener.addShare(7, "data", false);
        LoggedOn session = negotiateAndLogOn(0);
        int tree = send(treeConnect(session, "\\\\srv\\data", false)).header().treeId();
        assertEquals(NtStatus.STATUS_SUCCESS, send(onTree(Smb2Command.LOGOFF, session, 0)).status());
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED, send(onTree(Smb2Command.CREATE, session, tree)).status());
    }

    @Test
    void onASigningSessionEveryAnswerIsSigned() throws Exception {
        listener.addShare(7, "data", false);
        LoggedOn session = negotiateAndLogOn(Smb2SessionSetupRequest.SIGNING_REQUIRED);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, send(treeConnect(session, "\\\\srv\\data", false)).status(),
                "an unsigned TREE_CONNECT on a session that requires signing");
        Response connected = send(treeConnect(session, "\\\\srv\\data", true));
        assertEquals(NtStatus.STATUS_SUCCESS, connected.status());
        assertTrue(connected.header().isSigned() && connected.signatureVerifies(session.sessionKey()));
        Response unknown = send(treeConnect(session, "\\\\srv\\nope", true));
        assertEquals(NtStatus.STATUS_BAD_NETWORK_NAME, unknown.status());
        assertTrue(unknown.signatureVerifies(session.sessionKey()));
        Response deleted = send(signed(onTree(Smb2Command.CREATE, session, 999), session.sessionKey()));
        assertEquals(NtStatus.STATUS_NETWORK_NAME_DELETED, deleted.status());
        assertTrue(deleted.signatureVerifies(session.sessionKey()));
        Response disconnected = send(signed(onTree(Smb2Command.TREE_DISCONNECT, session,
                connected.header().treeId()), session.sessionKey()));
        assertEquals(NtStatus.STATUS_SUCCESS, disconnected.status());
        assertTrue(disconnected.signatureVerifies(session.sessionKey()));
    }

    @Test
    void aFailingOrBusyApplicationGetsErrorsAndNoTree() throws Exception {
        listener.addShare(7, "data", false);
        LoggedOn session = negotiateAndLogOn(0);
        listener.shareFailure = new IllegalStateException("database down");
        assertEquals(NtStatus.STATUS_INTERNAL_ERROR, send(treeConnect(session, "\\\\srv\\data", false)).status());
        listener.shareFailure = null;
        connection.executorAccepts = false;
        assertEquals(NtStatus.STATUS_INSUFFICIENT_RESOURCES,
                send(treeConnect(session, "\\\\srv\\data", false)).status());
        connection.executorAccepts = true;
        assertEquals(1, send(treeConnect(session, "\\\\srv\\data", false)).header().treeId(),
                "the first tree that was made");
    }

    @Test
    void aSessionLoggedOffWhileTheApplicationIsAskedGetsNoTree() throws Exception {
        listener.addShare(7, "data", false);
        LoggedOn session = negotiateAndLogOn(0);
        connection.heldTasks = new ArrayList<>();
        connection.channel.writeInbound(treeConnect(session, "\\\\srv\\data", false));
        assertNull(connection.channel.readOutbound(), "no answer while the application is asked");
        assertEquals(NtStatus.STATUS_SUCCESS, send(onTree(Smb2Command.LOGOFF, session, 0)).status());
        connection.runHeldTasks();
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED, receive().status());
    }

    @Test
    void aSessionHoldsAtMostItsMaximumOfTrees() throws Exception {
        LoggedOn session = negotiateAndLogOn(0);
        for (int i = 0; i < TreeConnectTable.MAX_TREES; i++) {
            assertEquals(NtStatus.STATUS_SUCCESS, send(treeConnect(session, "\\\\srv\\IPC$", false)).status());
        }
        assertEquals(NtStatus.STATUS_INSUFFICIENT_RESOURCES,
                send(treeConnect(session, "\\\\srv\\IPC$", false)).status());
        send(onTree(Smb2Command.TREE_DISCONNECT, session, 5));
        assertEquals(NtStatus.STATUS_SUCCESS, send(treeConnect(session, "\\\\srv\\IPC$", false)).status());
    }

    @Test
    void echoIsAnsweredWithOrWithoutASession() throws Exception {
        negotiate();
        Response beforeAnySession = send(onTree(Smb2Command.ECHO, null, 0));
        assertEquals(NtStatus.STATUS_SUCCESS, beforeAnySession.status());
        assertEquals(Smb2Command.ECHO, beforeAnySession.header().command());
        assertEquals(Smb2EchoResponse.INSTANCE, Smb2EchoResponse.decode(beforeAnySession.body()));
        assertTrue(connection.channel.isOpen());

        listener.addAccount(USER, PASSWORD, 1000);
        LoggedOn session = logOn(0);
        Response inSession = send(signed(onTree(Smb2Command.ECHO, session, 0), session.sessionKey()));
        assertEquals(NtStatus.STATUS_SUCCESS, inSession.status());
        assertTrue(inSession.signatureVerifies(session.sessionKey()), "answered as the session signs");
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED, send(onTree(Smb2Command.ECHO,
                new LoggedOn(0x1234, null), 0)).status(), "a SessionId that is not there is checked (3.3.5.17)");
        ByteBuf wrongSize = frame(message(header(Smb2Command.ECHO, 0, 0, 0),
                body -> body.writeShortLE(5).writeShortLE(0)));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(wrongSize).status());
    }

    // --- the shared in-memory client

    private LoggedOn negotiateAndLogOn(int securityMode) throws Exception {
        return connection.negotiateAndLogOn(securityMode);
    }

    private LoggedOn logOn(int securityMode) throws Exception {
        return connection.logOn(securityMode);
    }

    private void negotiate() throws Exception {
        connection.negotiate();
    }

    private ByteBuf treeConnect(LoggedOn session, String path, boolean signed) {
        return connection.treeConnect(session, path, signed);
    }

    private ByteBuf onTree(int command, LoggedOn session, int treeId) {
        return connection.onTree(command, session, treeId);
    }

    private Smb2Header header(int command, long sessionId, int flags, int treeId) {
        return connection.header(command, sessionId, flags, treeId);
    }

    private static ByteBuf message(Smb2Header header, Consumer<ByteBuf> body) {
        return SmbTestConnection.message(header, body);
    }

    private static ByteBuf frame(ByteBuf message) {
        return SmbTestConnection.frame(message);
    }

    private static ByteBuf signed(ByteBuf framed, byte[] key) {
        return SmbTestConnection.signed(framed, key);
    }

    private Response send(ByteBuf request) throws Exception {
        return connection.send(request);
    }

    private Response receive() throws Exception {
        return connection.receive();
    }

    private static Smb2TreeConnectResponse treeConnectAnswer(Response response) throws Exception {
        return Smb2TreeConnectResponse.decode(response.body());
    }
}
