package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.cistern.smb.spi.SmbShare;
import io.cistern.smb.spi.SmbUser;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signing required by one share, with the server's own requirement off, against smbj: a signing client uses it at
 * every dialect; a guest, which has no key to sign with, is refused at TREE_CONNECT even though the share allows
 * guests, and still uses another share. smbj 0.14.0 signs every request of an authenticated session whatever
 * {@code withSigningRequired} says (its signatory signs whenever the session has a key), so the refusal of unsigned
 * requests is shown with hand-made requests ({@code ShareSigningTreeTest}) and with smbclient in the IT.
 */
class SmbjShareSigningInteropTest {
    private static final SmbUser SHARE_GUEST = new SmbUser("guest", 65534, 65534, null);

    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();

    @BeforeEach
    void shares() {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(new SmbShare(61, "signed", false, false, SHARE_GUEST, true));
        SERVER.listener.addShare(62, "open", false);
    }

    @ParameterizedTest
    @EnumSource(value = SMB2Dialect.class, names = {"SMB_2_0_2", "SMB_2_1", "SMB_3_0", "SMB_3_0_2", "SMB_3_1_1"})
    void aSigningClientCarriesAFileBothWaysOnTheShare(SMB2Dialect dialect) throws Exception {
        byte[] content = new byte[70_000];
        new Random(dialect.ordinal()).nextBytes(content);
        try (SMBClient client = new SMBClient(config(dialect, true));
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = logOn(connection);
            DiskShare share = (DiskShare) session.connectShare("signed");
            String name = "signed-" + dialect + ".bin";
            try (File file = share.openFile(name, EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OVERWRITE_IF, null); OutputStream out = file.getOutputStream()) {
                out.write(content);
            }
            try (File file = share.openFile(name, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN, null); InputStream in = file.getInputStream()) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertArrayEquals(content, SERVER.listener.files.content(61, List.of(name)));
        }
    }

    @Test
    void aGuestCannotSignAndIsRefusedAtTreeConnect() throws Exception {
        try (SMBClient client = new SMBClient(config(SMB2Dialect.SMB_3_1_1, false));
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(AuthenticationContext.guest());
            assertTrue(session.getSessionContext().isGuest());
            SMBApiException refused = assertThrows(SMBApiException.class, () -> session.connectShare("signed"));
            assertEquals(NtStatus.STATUS_ACCESS_DENIED.getValue(), refused.getStatusCode());
            SERVER.listener.addShare(new SmbShare(63, "public", false, false, SHARE_GUEST));
            assertTrue(((DiskShare) session.connectShare("public")).folderExists(""), "another share admits it");
        }
    }

    private static Session logOn(Connection connection) {
        return connection.authenticate(new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
    }

    private static SmbConfig config(SMB2Dialect dialect, boolean sign) {
        return SmbConfig.builder().withDialects(dialect).withSigningRequired(sign).withTimeout(10, TimeUnit.SECONDS)
                .build();
    }
}
