package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.spi.SmbShare;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2TreeConnectResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A share that requires signing, with the server's own requirement off, on one 2.1 connection whose requests are
 * signed by hand (HMAC-SHA256) or not: unsigned requests on its tree are refused, signed ones and another share's
 * unsigned ones go on, and the refusal is per request, so the client is not cut off.
 */
class ShareSigningTreeTest {
    private final RecordingListener listener = new RecordingListener();
    private final SmbTestConnection connection = new SmbTestConnection(listener);
    private LoggedOn session;

    @BeforeEach
    void logOn() throws Exception {
        listener.addAccount(SmbTestConnection.USER, SmbTestConnection.PASSWORD, 1000);
        listener.addShare(new SmbShare(71, "signed", false, false, null, true));
        listener.addShare(72, "open", false);
        connection.negotiate(0x0210, 0);
        session = connection.logOn(0);
    }

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    @Test
    void unsignedRequestsOnTheTreeAreRefusedAndSignedOnesServed() throws Exception {
        Response connected = connection.send(connection.treeConnect(session, "\\\\srv\\signed", true));
        assertEquals(NtStatus.STATUS_SUCCESS, connected.status());
        assertEquals(0, Smb2TreeConnectResponse.decode(connected.body()).shareFlags(),
                "no share flag announces signing");
        int signed = connected.header().treeId();
        Response unsigned = connection.send(connection.onTree(Smb2Command.FLUSH, session, signed));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, unsigned.status(), "an unsigned request on the tree");
        Response open = connection.send(connection.treeConnect(session, "\\\\srv\\open", false));
        assertEquals(NtStatus.STATUS_SUCCESS, connection.send(
                connection.onTree(Smb2Command.TREE_DISCONNECT, session, open.header().treeId())).status(),
                "another share takes unsigned requests");
        Response signedDisconnect = connection.send(SmbTestConnection.signed(
                connection.onTree(Smb2Command.TREE_DISCONNECT, session, signed), session.sessionKey()));
        assertEquals(NtStatus.STATUS_SUCCESS, signedDisconnect.status(), "a signed request on the tree");
        assertTrue(signedDisconnect.signatureVerifies(session.sessionKey()), "and its answer is signed");
    }

    @Test
    void anUnsignedTreeConnectOfASessionThatCanSignSucceedsButItsRequestsMustBeSigned() throws Exception {
        Response connected = connection.send(connection.treeConnect(session, "\\\\srv\\signed", false));
        assertEquals(NtStatus.STATUS_SUCCESS, connected.status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, connection.send(connection.onTree(Smb2Command.TREE_DISCONNECT,
                session, connected.header().treeId())).status());
    }
}
