package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * smbj guessing passwords from one address: after five failures within a minute the sixth attempt is refused,
 * even with the right password, without the application being asked. A server of its own, so that the block
 * does not spill into other test classes.
 */
class SmbjLogonThrottleInteropTest {
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();

    @Test
    void theSixthAttemptAfterFiveFailuresIsRefusedWithoutALookup() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            for (int i = 0; i < 5; i++) {
                AuthenticationContext guess = new AuthenticationContext("alice", ("guess " + i).toCharArray(), "");
                assertEquals(NtStatus.STATUS_LOGON_FAILURE.getValue(),
                        assertThrows(SMBApiException.class, () -> connection.authenticate(guess)).getStatusCode());
            }
            assertEquals(5, SERVER.listener.accountLookups.size());

            AuthenticationContext right = new AuthenticationContext("alice", "correct horse".toCharArray(), "");
            SMBApiException refused = assertThrows(SMBApiException.class, () -> connection.authenticate(right));
            assertEquals(NtStatus.STATUS_LOGON_FAILURE.getValue(), refused.getStatusCode());
            assertEquals(5, SERVER.listener.accountLookups.size(), "the sixth attempt never reached the application");
            assertEquals(1, SERVER.logon.stats().logonsThrottled());
        }
        // a new connection from the same address is still blocked: the throttle is the listener's
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            AuthenticationContext right = new AuthenticationContext("alice", "correct horse".toCharArray(), "");
            assertThrows(SMBApiException.class, () -> connection.authenticate(right));
            assertEquals(5, SERVER.listener.accountLookups.size());
        }
    }
}
