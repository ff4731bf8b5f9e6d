package io.cistern.smb.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decrypting into a buffer gives what the array path gives, and refuses what it refuses. */
class DecryptToBufferTest {
    private static final long SESSION_ID = 0x1000_0000_0025L;

    @Test
    void blogVectorsDecryptIntoBuffers() throws Exception {
        Smb2MessageCipher gcm = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, Smb311BlogVectors.SERVER_DECRYPTION_KEY);
        assertArrayEquals(Smb311BlogVectors.WRITE_REQUEST, opened(gcm, direct(Smb311BlogVectors.WRITE_REQUEST_TRANSFORMED)));
        Smb2MessageCipher ccm = new Smb2MessageCipher(Smb2Cipher.AES_128_CCM, Smb30BlogVectors.SERVER_DECRYPTION_KEY);
        assertArrayEquals(Smb30BlogVectors.WRITE_REQUEST, opened(ccm, direct(Smb30BlogVectors.WRITE_REQUEST_TRANSFORMED)));
    }

    @Test
    void largeMessagesRoundTripWithEveryCipher() throws Exception {
        byte[] message = new byte[8 * 1024 * 1024 + 113];
        new Random(5).nextBytes(message);
        for (Smb2Cipher cipher : Smb2Cipher.values()) {
            Smb2MessageCipher keyed = new Smb2MessageCipher(cipher, new byte[cipher.keyLength()]);
            assertArrayEquals(message, opened(keyed, direct(keyed.encrypt(message, SESSION_ID))), cipher.toString());
        }
    }

    @Test
    void aTamperedOrMisSizedMessageIsRefused() {
        Smb2MessageCipher gcm = new Smb2MessageCipher(Smb2Cipher.AES_256_GCM, new byte[32]);
        byte[] sealed = gcm.encrypt(new byte[1000], SESSION_ID);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        ByteBuf tamperedBuffer = direct(tampered);
        assertThrows(Smb2DecryptionException.class, () -> gcm.decryptToBuffer(tamperedBuffer));
        assertEquals(1, tamperedBuffer.refCnt(), "the message stays the caller's");
        tamperedBuffer.release();
        ByteBuf truncated = Unpooled.wrappedBuffer(sealed, 0, sealed.length - 1);
        assertThrows(Smb2DecryptionException.class, () -> gcm.decryptToBuffer(truncated));
    }

    private static byte[] opened(Smb2MessageCipher cipher, ByteBuf transformed) throws Exception {
        ByteBuf plaintext = cipher.decryptToBuffer(transformed);
        try {
            assertEquals(0, transformed.readerIndex());
            return ByteBufUtil.getBytes(plaintext);
        } finally {
            plaintext.release();
            transformed.release();
        }
    }

    private static ByteBuf direct(byte[] bytes) {
        return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }
}
