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
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SMB 3.x encryption against smbj: TRANSFORM_HEADER messages with AES-128-CCM (3.0, 3.0.2) and the cipher 3.1.1
 * negotiates. With encryption required, the server refuses every unencrypted request after the logon, so a file
 * that travels both ways proves that smbj's requests were encrypted and that the server decrypted them. smbj
 * accepts unencrypted responses as well, so it cannot show that the server encrypts its own:
 * {@code SmbclientInteropTest} shows that with Samba's client, which refuses them.
 */
class SmbjEncryptionInteropTest {
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();

    @AfterEach
    void encryptionNoLongerRequired() {
        SERVER.listener.encryptionRequired = false;
    }

    @ParameterizedTest
    @EnumSource(value = SMB2Dialect.class, names = {"SMB_3_0", "SMB_3_0_2", "SMB_3_1_1"})
    void aRequiredEncryptedSessionCarriesAFileBothWays(SMB2Dialect dialect) throws Exception {
        SERVER.listener.encryptionRequired = true;
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(21, "secret", false);
        byte[] content = new byte[200_000];
        new Random(dialect.ordinal()).nextBytes(content);
        try (SMBClient client = new SMBClient(config(dialect));
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
            assertTrue(session.getSessionContext().isEncryptData(), "the server said SMB2_SESSION_FLAG_ENCRYPT_DATA");
            DiskShare share = (DiskShare) session.connectShare("secret");
            String name = "file-" + dialect + ".bin";
            try (File file = share.openFile(name, EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OVERWRITE_IF, null); OutputStream out = file.getOutputStream()) {
                out.write(content);
            }
            try (File file = share.openFile(name, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN, null); InputStream in = file.getInputStream()) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertArrayEquals(content, SERVER.listener.files.content(21, List.of(name)));
        }
    }

    @Test
    void aClientThatEncryptsOnItsOwnGetsEncryptedAnswers() throws Exception {
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SERVER.listener.addShare(22, "plain", false);
        try (SMBClient client = new SMBClient(config(SMB2Dialect.SMB_3_1_1));
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            Session session = connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP"));
            DiskShare share = (DiskShare) session.connectShare("plain");
            share.mkdir("made-encrypted");
            assertTrue(share.folderExists("made-encrypted"));
        }
    }

    @Test
    void a21ClientIsRefusedWhenEncryptionIsRequired() throws Exception {
        SERVER.listener.encryptionRequired = true;
        SERVER.listener.addAccount("alice", "correct horse", 1000);
        SmbConfig plain21 = SmbConfig.builder().withDialects(SMB2Dialect.SMB_2_1).withTimeout(10, TimeUnit.SECONDS)
                .build();
        try (SMBClient client = new SMBClient(plain21);
             Connection connection = client.connect("127.0.0.1", SERVER.port())) {
            SMBApiException refused = assertThrows(SMBApiException.class, () -> connection.authenticate(
                    new AuthenticationContext("alice", "correct horse".toCharArray(), "WORKGROUP")));
            assertEquals(NtStatus.STATUS_ACCESS_DENIED.getValue(), refused.getStatusCode());
        }
    }

    private static SmbConfig config(SMB2Dialect dialect) {
        return SmbConfig.builder().withDialects(dialect).withEncryptData(true).withTimeout(10, TimeUnit.SECONDS)
                .build();
    }
}
