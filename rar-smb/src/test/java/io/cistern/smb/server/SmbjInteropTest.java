package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void smbjOfferingEveryDialectConnectsWith202() throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            NegotiatedProtocol negotiated = connection.getNegotiatedProtocol();
            assertEquals(SMB2Dialect.SMB_2_0_2, negotiated.getDialect());
            assertEquals(65536, negotiated.getMaxReadSize());
            assertEquals(65536, negotiated.getMaxWriteSize());
            assertEquals(65536, negotiated.getMaxTransactSize());
            assertEquals(RecordingListener.SERVER_GUID, connection.getConnectionContext().getServerGuid());
            assertFalse(connection.getConnectionContext().supportsDFS());
            assertFalse(connection.getConnectionContext().supportsMultiCredit());
            assertTrue(connection.isConnected());
        }
    }

    @Test
    void smbjWithMultiProtocolNegotiateConnectsWith202() throws Exception {
        SmbConfig config = SmbConfig.builder().withMultiProtocolNegotiate(true).build();
        try (SMBClient client = new SMBClient(config); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            assertEquals(SMB2Dialect.SMB_2_0_2, connection.getNegotiatedProtocol().getDialect());
        }
    }

    @Test
    void smbjStopsAtSessionSetupWhichIsNotImplementedYet() throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            SMBApiException refused = assertThrows(SMBApiException.class,
                    () -> connection.authenticate(AuthenticationContext.anonymous()));
            assertEquals(NtStatus.STATUS_NOT_SUPPORTED.getValue(), refused.getStatusCode());
        }
    }
}
