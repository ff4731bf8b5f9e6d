package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same logons with the application on a thread apart from the event loop, as in the adapter: each step's
 * outcome has to come back to the event loop before the response is written and the next request is read.
 */
class SmbjWorkerThreadInteropTest {
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer(true);

    @Test
    void signedLogonAndLogoffWorkWithTheLookupOffTheEventLoop() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SmbConfig config = SmbConfig.builder().withSigningRequired(true).build();
        try (SMBClient client = new SMBClient(config);
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            for (int i = 0; i < 3; i++) {
                Session session = connection.authenticate(
                        new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
                assertNotEquals(0, session.getSessionId());
                session.logoff();
            }
            SMBApiException refused = assertThrows(SMBApiException.class, () -> connection.authenticate(
                    new AuthenticationContext("alice", "wrong".toCharArray(), "WORKGROUP")));
            assertEquals(NtStatus.STATUS_LOGON_FAILURE.getValue(), refused.getStatusCode());
            assertTrue(connection.isConnected());
        }
        assertEquals(3, SERVER.logon.stats().logonsSucceeded());
        assertEquals(1, SERVER.logon.stats().logonFailures());
    }
}
