package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.cistern.smb.spi.SmbShare;
import io.cistern.smb.spi.SmbUser;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guest and anonymous sessions against smbj: SMB2_SESSION_FLAG_IS_GUEST or _IS_NULL, tree connects only to the
 * shares that allow guests, file requests as the share's guest identity, and a wrong password still a failure.
 */
class SmbjGuestInteropTest {
    private static final SmbUser SHARE_GUEST = new SmbUser("guest", 65534, 65534, null);

    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();

    @BeforeEach
    void shares() {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(new SmbShare(51, "public", false, false, SHARE_GUEST));
        SERVER.listener.addShare(52, "private", false);
    }

    @AfterEach
    void signingNoLongerRequired() {
        SERVER.listener.signingRequired = false;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aGuestWritesAndReadsOnAShareThatAllowsGuestsAsItsGuestIdentity(boolean anonymous) throws Exception {
        String name = (anonymous ? "anonymous" : "guest") + ".txt";
        byte[] content = "left by a guest".getBytes(StandardCharsets.UTF_8);
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(context(anonymous));
            assertTrue(anonymous ? session.getSessionContext().isAnonymous() : session.getSessionContext().isGuest(),
                    "the server said IS_NULL or IS_GUEST");
            DiskShare share = (DiskShare) session.connectShare("public");
            try (File file = share.openFile(name, EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OVERWRITE_IF, null); OutputStream out = file.getOutputStream()) {
                out.write(content);
            }
            assertArrayEquals(content, SERVER.listener.files.content(51, List.of(name)));
            assertEquals(SHARE_GUEST, SERVER.listener.files.openers.get(SERVER.listener.files.openers.size() - 1),
                    "file requests run as the share's guest identity");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aGuestIsDeniedAShareThatAllowsNoGuests(boolean anonymous) throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(context(anonymous));
            SMBApiException refused = assertThrows(SMBApiException.class, () -> session.connectShare("private"));
            assertEquals(NtStatus.STATUS_ACCESS_DENIED.getValue(), refused.getStatusCode());
            assertTrue(SERVER.listener.shareLookups.contains("null:private"), "asked as a guest (no account)");
        }
    }

    @Test
    void aWrongPasswordForARealUserIsStillALogonFailure() throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            SMBApiException refused = assertThrows(SMBApiException.class, () -> connection.authenticate(
                    new AuthenticationContext("alice", "wrong horse".toCharArray(), "WORKGROUP")));
            assertEquals(NtStatus.STATUS_LOGON_FAILURE.getValue(), refused.getStatusCode());
        }
    }

    @Test
    void aGuestIsRefusedWhenTheServerRequiresSigning() throws Exception {
        SERVER.listener.signingRequired = true;
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            SMBApiException refused = assertThrows(SMBApiException.class,
                    () -> connection.authenticate(AuthenticationContext.guest()));
            assertEquals(NtStatus.STATUS_ACCESS_DENIED.getValue(), refused.getStatusCode());
        }
    }

    private static AuthenticationContext context(boolean anonymous) {
        return anonymous ? AuthenticationContext.anonymous() : AuthenticationContext.guest();
    }
}
