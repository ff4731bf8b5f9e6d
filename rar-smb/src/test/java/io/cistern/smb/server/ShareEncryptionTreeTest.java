package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.spi.SmbShare;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2NegotiateResponse;
import io.cistern.smb.wire.Smb2TreeConnectResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A share that requires encryption (Share.EncryptData): TREE_CONNECT's decision ([MS-SMB2] 3.3.5.7) and the refusal
 * of unencrypted requests on its tree (3.3.5.2.11), on one connection with the server's own requirement off.
 */
class ShareEncryptionTreeTest {
    private final RecordingListener listener = new RecordingListener();
    private final SmbTestConnection connection = new SmbTestConnection(listener);

    @BeforeEach
    void shares() {
        listener.addAccount(SmbTestConnection.USER, SmbTestConnection.PASSWORD, 1000);
        listener.addShare(new SmbShare(41, "sealed", false, true));
        listener.addShare(42, "open", false);
    }

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    @Test
    void aSessionThatCanEncryptGetsTheEncryptDataFlagAndItsUnencryptedRequestsAreRefused() throws Exception {
        connection.negotiate(0x0300, Smb2NegotiateResponse.CAP_ENCRYPTION);
        LoggedOn session = connection.logOn(0);
        Response connected = connection.send(connection.treeConnect(session, "\\\\srv\\sealed", false));
        assertEquals(NtStatus.STATUS_SUCCESS, connected.status());
        assertEquals(Smb2TreeConnectResponse.SHAREFLAG_ENCRYPT_DATA,
                Smb2TreeConnectResponse.decode(connected.body()).shareFlags());
        int sealed = connected.header().treeId();
        assertEquals(NtStatus.STATUS_ACCESS_DENIED,
                connection.send(connection.onTree(Smb2Command.TREE_DISCONNECT, session, sealed)).status(),
                "an unencrypted request on the tree");
        Response open = connection.send(connection.treeConnect(session, "\\\\srv\\open", false));
        assertEquals(0, Smb2TreeConnectResponse.decode(open.body()).shareFlags());
        assertEquals(NtStatus.STATUS_SUCCESS, connection.send(
                connection.onTree(Smb2Command.TREE_DISCONNECT, session, open.header().treeId())).status(),
                "another share of the session takes unencrypted requests");
    }

    @Test
    void a30ClientWithoutEncryptionIsRefusedAtTreeConnect() throws Exception {
        connection.negotiate(0x0300, 0);
        LoggedOn session = connection.logOn(0);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED,
                connection.send(connection.treeConnect(session, "\\\\srv\\sealed", false)).status());
        assertEquals(NtStatus.STATUS_SUCCESS,
                connection.send(connection.treeConnect(session, "\\\\srv\\open", false)).status());
    }

    @Test
    void a2xSessionIsRefusedAtTreeConnectButUsesAnotherShare() throws Exception {
        connection.negotiate(0x0210, 0);
        LoggedOn session = connection.logOn(0);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED,
                connection.send(connection.treeConnect(session, "\\\\srv\\sealed", false)).status());
        assertEquals(NtStatus.STATUS_SUCCESS,
                connection.send(connection.treeConnect(session, "\\\\srv\\open", false)).status());
        assertEquals(List.of("alice:sealed", "alice:open"), listener.shareLookups);
    }
}
