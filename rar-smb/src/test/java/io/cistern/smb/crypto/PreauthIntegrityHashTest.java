package io.cistern.smb.crypto;

import io.cistern.smb.TestHex;
import static io.cistern.smb.crypto.Smb311BlogVectors.*;
import static io.cistern.smb.TestHex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.smb.wire.Smb2Dialect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class PreauthIntegrityHashTest {

    @Test
    void startsAtSixtyFourZeroBytes() {
        assertArrayEquals(new byte[64], new PreauthIntegrityHash().value());
    }

    // "SMB 3.1.1 Encryption in Windows 10", Appendix A.1: every intermediate value of the hash chain
    @Test
    void chainMatchesTheSmb311EncryptionBlogVector() {
        PreauthIntegrityHash connection = new PreauthIntegrityHash();
        connection.update(NEGOTIATE_REQUEST);
        assertEquals(HASH_AFTER_NEGOTIATE_REQUEST, hex(connection.value()));
        connection.update(NEGOTIATE_RESPONSE);
        assertEquals(HASH_AFTER_NEGOTIATE_RESPONSE, hex(connection.value()));

        PreauthIntegrityHash session = connection.copy();
        session.update(SESSION_SETUP_REQUEST_1);
        assertEquals(HASH_AFTER_SESSION_SETUP_REQUEST_1, hex(session.value()));
        session.update(SESSION_SETUP_RESPONSE_1);
        assertEquals(HASH_AFTER_SESSION_SETUP_RESPONSE_1, hex(session.value()));
        session.update(SESSION_SETUP_REQUEST_2);
        assertEquals(HASH_AFTER_SESSION_SETUP_REQUEST_2, hex(session.value()));

        // the session's hash moved on, the connection's stayed where the next session will start
        assertEquals(HASH_AFTER_NEGOTIATE_RESPONSE, hex(connection.value()));
    }

    @Test
    void theChainedValueDerivesTheBlogsSigningKey() {
        PreauthIntegrityHash session = new PreauthIntegrityHash();
        for (byte[] message : new byte[][] {NEGOTIATE_REQUEST, NEGOTIATE_RESPONSE, SESSION_SETUP_REQUEST_1,
                SESSION_SETUP_RESPONSE_1, SESSION_SETUP_REQUEST_2}) {
            session.update(message);
        }
        Smb2SessionKeys keys = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_128_GCM,
                TestHex.bytes("419FDDF34C1E001909D362AE7FB6AF79"), session.value());
        assertArrayEquals(SIGNING_KEY, keys.signingKey());
    }

    @Test
    void byteBufUpdateHashesTheReadableBytesAndLeavesTheIndices() {
        ByteBuf framed = Unpooled.buffer();
        framed.writeBytes(new byte[] {0, 0, 0, (byte) NEGOTIATE_REQUEST.length});
        framed.writeBytes(NEGOTIATE_REQUEST);
        framed.readerIndex(4);
        ByteBuf direct = Unpooled.directBuffer().writeBytes(NEGOTIATE_RESPONSE);

        PreauthIntegrityHash hash = new PreauthIntegrityHash();
        hash.update(framed);
        hash.update(direct);

        assertEquals(HASH_AFTER_NEGOTIATE_RESPONSE, hex(hash.value()));
        assertEquals(4, framed.readerIndex());
        assertEquals(0, direct.readerIndex());
        direct.release();
    }

    @Test
    void valueIsACopy() {
        PreauthIntegrityHash hash = new PreauthIntegrityHash();
        hash.value()[0] = 1;
        assertArrayEquals(new byte[64], hash.value());
    }
}
