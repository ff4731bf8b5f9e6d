package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.connection.Connection;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SMB adapter over real TCP, through the MDB: smbj negotiates, and an SMB1-style client is upgraded. */
@ExtendWith(SharedCistern.class)
class SmbNegotiateIT {

    @Test
    void smbjNegotiatesSmb311WithTheInstallationsGuid(CisternProcess cistern) throws Exception {
        UUID first;
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", cistern.smbPort())) {
            assertTrue(connection.isConnected());
            assertEquals(SMB2Dialect.SMB_3_1_1, connection.getConnectionContext().getNegotiatedProtocol().getDialect());
            first = connection.getConnectionContext().getServerGuid();
            assertNotNull(first);
        }
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", cistern.smbPort())) {
            assertEquals(first, connection.getConnectionContext().getServerGuid(), "the server GUID is the installation's");
        }
    }

    @Test
    void smb1MultiProtocolNegotiateIsAnsweredInSmb2(CisternProcess cistern) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", cistern.smbPort())) {
            socket.setSoTimeout(15_000);
            byte[] request = smb1Negotiate("NT LM 0.12", "SMB 2.002", "SMB 2.???");
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(request.length);
            out.write(request);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readInt() & 0xFF_FFFF];
            in.readFully(reply);
            assertEquals((byte) 0xFE, reply[0], "an SMB2 header");
            assertEquals("SMB", new String(reply, 1, 3, StandardCharsets.US_ASCII));
            int dialect = (reply[64 + 4] & 0xFF) | (reply[64 + 5] & 0xFF) << 8;
            // [MS-SMB2] 3.3.5.3.1: a server of the 2.1/3.x family answers "SMB 2.???" with the wildcard, and the
            // client then sends an SMB2 NEGOTIATE
            assertEquals(0x02FF, dialect);
        }
    }

    /** SMB_COM_NEGOTIATE ([MS-CIFS] 2.2.4.52.1) listing the given dialects. */
    private static byte[] smb1Negotiate(String... dialects) {
        ByteArrayOutputStream dialectBytes = new ByteArrayOutputStream();
        for (String dialect : dialects) {
            dialectBytes.write(0x02);
            dialectBytes.writeBytes(dialect.getBytes(StandardCharsets.US_ASCII));
            dialectBytes.write(0);
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(new byte[] {(byte) 0xFF, 'S', 'M', 'B', 0x72});
        message.writeBytes(new byte[4]);                 // status
        message.write(0x18);                             // flags
        message.writeBytes(new byte[] {0x53, (byte) 0xC8}); // flags2
        message.writeBytes(new byte[12]);                // pid high, signature, reserved
        message.writeBytes(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, 0, 0, 0, 0}); // tid, pid, uid, mid
        message.write(0);                                // word count
        int length = dialectBytes.size();
        message.write(length & 0xFF);
        message.write(length >> 8);
        message.writeBytes(dialectBytes.toByteArray());
        return message.toByteArray();
    }
}
