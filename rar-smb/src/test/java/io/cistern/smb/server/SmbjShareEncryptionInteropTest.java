package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Encryption required by one share (Share.EncryptData, [MS-SMB2] 3.3.5.7 and 3.3.5.2.11) with the server's own
 * requirement off, against smbj. smbj 0.14.0 records SMB2_SHAREFLAG_ENCRYPT_DATA but encrypts only when its session
 * does ({@code SmbConfig.withEncryptData(true)} on 3.x); configured not to encrypt, it offers no cipher at all (a 2.x
 * dialect, or 3.x without SMB2_GLOBAL_CAP_ENCRYPTION or an encryption context), and so is refused at TREE_CONNECT.
 * The refusal of an unencrypted request on an encrypted tree is shown by {@code ShareEncryptionTreeTest}.
 */
class SmbjShareEncryptionInteropTest {
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();

    @BeforeEach
    void shares() {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(new SmbShare(31, "sealed", false, true));
        SERVER.listener.addShare(32, "open", false);
    }

    @ParameterizedTest
    @EnumSource(value = SMB2Dialect.class, names = {"SMB_3_0", "SMB_3_0_2", "SMB_3_1_1"})
    void anEncryptingClientCarriesAFileBothWaysOnAnEncryptedShare(SMB2Dialect dialect) throws Exception {
        byte[] content = new byte[100_000];
        new Random(dialect.ordinal()).nextBytes(content);
        try (SMBClient client = new SMBClient(config(dialect, true));
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = logOn(connection);
            assertFalse(session.getSessionContext().isEncryptData(), "only the share requires encryption");
            DiskShare share = (DiskShare) session.connectShare("sealed");
            String name = "sealed-" + dialect + ".bin";
            try (File file = share.openFile(name, EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OVERWRITE_IF, null); OutputStream out = file.getOutputStream()) {
                out.write(content);
            }
            try (File file = share.openFile(name, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN, null); InputStream in = file.getInputStream()) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertArrayEquals(content, SERVER.listener.files.content(31, List.of(name)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SMB2Dialect.class, names = {"SMB_2_0_2", "SMB_2_1", "SMB_3_0", "SMB_3_1_1"})
    void aClientThatCannotEncryptIsRefusedAtTreeConnectButUsesAnotherShare(SMB2Dialect dialect) throws Exception {
        try (SMBClient client = new SMBClient(config(dialect, false));
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = logOn(connection);
            SMBApiException refused = assertThrows(SMBApiException.class, () -> session.connectShare("sealed"));
            assertEquals(NtStatus.STATUS_ACCESS_DENIED.getValue(), refused.getStatusCode());
            DiskShare open = (DiskShare) session.connectShare("open");
            assertTrue(open.folderExists(""));
        }
    }

    private static Session logOn(Connection connection) {
        return connection.authenticate(new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
    }

    private static SmbConfig config(SMB2Dialect dialect, boolean encrypt) {
        return SmbConfig.builder().withDialects(dialect).withEncryptData(encrypt).withTimeout(10, TimeUnit.SECONDS)
                .build();
    }
}
