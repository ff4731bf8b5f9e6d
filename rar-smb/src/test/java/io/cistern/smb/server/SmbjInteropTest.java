package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.connection.NegotiatedProtocol;
import com.hierynomus.mssmb2.SMB2Packet;
import com.hierynomus.mssmb2.messages.SMB2Echo;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.PipeShare;
import com.hierynomus.smbj.share.Share;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * smbj 0.14.0, an SMB2 client written by others, against the real Netty pipeline on a loopback port.
 * The application is a listener double run inline on the event loop.
 */
class SmbjInteropTest {
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();

    @Test
    void smbjOfferingEveryDialectConnectsWith311() throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            NegotiatedProtocol negotiated = connection.getNegotiatedProtocol();
            assertEquals(SMB2Dialect.SMB_3_1_1, negotiated.getDialect());
            assertEquals(8 << 20, negotiated.getMaxReadSize(), "large MTU");
            assertEquals(8 << 20, negotiated.getMaxWriteSize());
            assertEquals(1 << 20, negotiated.getMaxTransactSize());
            assertEquals(RecordingListener.SERVER_GUID, connection.getConnectionContext().getServerGuid());
            assertFalse(connection.getConnectionContext().supportsDFS());
            assertTrue(connection.getConnectionContext().supportsMultiCredit());
            assertTrue(connection.isConnected());
        }
    }

    @Test
    void smbjWithMultiProtocolNegotiateConnectsWith311() throws Exception {
        SmbConfig config = SmbConfig.builder().withMultiProtocolNegotiate(true).build();
        try (SMBClient client = new SMBClient(config); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            assertEquals(SMB2Dialect.SMB_3_1_1, connection.getNegotiatedProtocol().getDialect());
        }
    }

    /**
     * Every dialect with signing required: smbj drops a response whose signature does not verify (HMAC-SHA256 for
     * 2.x, AES-CMAC for 3.0 and 3.0.2, the negotiated algorithm with keys from the pre-authentication hash for
     * 3.1.1), so each step below would time out on a wrong key or algorithm.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = SMB2Dialect.class,
            names = {"SMB_2_0_2", "SMB_2_1", "SMB_3_0", "SMB_3_0_2", "SMB_3_1_1"})
    void eachDialectLogsOnSignedAndWorksOnATree(SMB2Dialect dialect) throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(9, "signed", false);
        SmbConfig config = SmbConfig.builder().withDialects(dialect).withSigningRequired(true)
                .withTimeout(10, TimeUnit.SECONDS).build();
        try (SMBClient client = new SMBClient(config);
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            assertEquals(dialect, connection.getNegotiatedProtocol().getDialect());
            Session session = connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
            assertTrue(session.getSessionContext().isSigningRequired());
            Share share = session.connectShare("signed");
            assertInstanceOf(DiskShare.class, share);
            share.close();
            session.logoff();
            assertTrue(connection.isConnected());
        }
    }

    @Test
    void theRightPasswordGivesASessionThatLogsOff() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
            assertNotEquals(0, session.getSessionId());
            assertTrue(SERVER.listener.accountLookups.contains("alice@WORKGROUP"));
            Session second = connection.authenticate(
                    new AuthenticationContext("ALICE", "correct horse".toCharArray(), "WORKGROUP"));
            assertNotEquals(session.getSessionId(), second.getSessionId(), "a second session on the connection");
            session.logoff();
            second.logoff();
            assertTrue(connection.isConnected());
        }
    }

    @Test
    void wrongPasswordAndUnknownUserFailAlike() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        long failuresBefore = SERVER.logon.stats().logonFailures();
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            for (AuthenticationContext wrong : List.of(
                    new AuthenticationContext("alice", "wrong".toCharArray(), "WORKGROUP"),
                    new AuthenticationContext("nobody", "correct horse".toCharArray(), "WORKGROUP"))) {
                SMBApiException refused = assertThrows(SMBApiException.class, () -> connection.authenticate(wrong));
                assertEquals(NtStatus.STATUS_LOGON_FAILURE.getValue(), refused.getStatusCode());
            }
            assertTrue(connection.isConnected(), "a failed logon leaves the connection usable");
        }
        assertEquals(failuresBefore + 2, SERVER.logon.stats().logonFailures());
    }

    @Test
    void smbjRequiringSigningGetsASignedSessionAndItsSignedLogoffIsAccepted() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SmbConfig config = SmbConfig.builder().withSigningRequired(true).build();
        try (SMBClient client = new SMBClient(config);
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
            assertTrue(session.getSessionContext().isSigningRequired());
            // smbj signs the LOGOFF and checks the signature of its response (smbj skips that check for
            // SESSION_SETUP responses, which SessionSetupHandlerTest verifies with smbj's session key instead)
            session.logoff();
            assertTrue(connection.isConnected());
        }
    }

    @Test
    void connectShareGivesADiskShareInAnyCaseAndDisconnects() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(7, "data", false);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
            Share data = session.connectShare("data");
            assertInstanceOf(DiskShare.class, data);
            assertTrue(data.isConnected());
            assertNotEquals(0, data.getTreeConnect().getTreeId());
            Share upper = session.connectShare("DATA");
            assertInstanceOf(DiskShare.class, upper);
            assertNotEquals(data.getTreeConnect().getTreeId(), upper.getTreeConnect().getTreeId());
            // smbj sends TREE_DISCONNECT and fails unless it gets STATUS_SUCCESS back
            data.close();
            assertFalse(data.isConnected());
            assertTrue(upper.isConnected(), "the other tree lives on");
            upper.close();
            session.logoff();
            assertTrue(connection.isConnected());
        }
    }

    @Test
    void connectShareToAnUnknownShareFailsWithBadNetworkName() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
            SMBApiException refused = assertThrows(SMBApiException.class, () -> session.connectShare("nope"));
            assertEquals(NtStatus.STATUS_BAD_NETWORK_NAME.getValue(), refused.getStatusCode());
            assertTrue(connection.isConnected());
        }
    }

    @Test
    void connectShareToIpcGivesAPipeShare() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
            Share ipc = session.connectShare("IPC$");
            assertInstanceOf(PipeShare.class, ipc);
            ipc.close();
        }
    }

    @Test
    void signedTreeConnectAndDisconnectVerifyInSmbj() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(8, "archive", true);
        SmbConfig config = SmbConfig.builder().withSigningRequired(true).build();
        try (SMBClient client = new SMBClient(config);
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
            Share archive = session.connectShare("archive");
            assertInstanceOf(DiskShare.class, archive);
            archive.close();
            assertTrue(connection.isConnected());
        }
    }

    @Test
    void echoIsAnsweredWithAndWithoutASession() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SmbConfig config = SmbConfig.builder().withSigningRequired(true).build();
        try (SMBClient client = new SMBClient(config);
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            SMB2Packet beforeLogon = connection.send(new SMB2Echo(SMB2Dialect.SMB_2_0_2)).get(10, TimeUnit.SECONDS);
            assertEquals(NtStatus.STATUS_SUCCESS.getValue(), beforeLogon.getHeader().getStatusCode());
            Session session = connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
            // signed, since the session requires it; smbj drops a response whose signature does not verify
            SMB2Echo echo = new SMB2Echo(SMB2Dialect.SMB_2_0_2);
            echo.getHeader().setSessionId(session.getSessionId());      // smbj's Session.send leaves it to the caller
            SMB2Packet inSession = session.send(echo).get(10, TimeUnit.SECONDS);
            assertEquals(NtStatus.STATUS_SUCCESS.getValue(), inSession.getHeader().getStatusCode());
            assertTrue(inSession.getHeader().isFlagSet(com.hierynomus.mssmb2.SMB2MessageFlag.SMB2_FLAGS_SIGNED));
        }
    }
}
