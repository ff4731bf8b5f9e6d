package io.cistern.smb.crypto;

import static io.cistern.smb.TestHex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.smb.wire.Smb2TransformHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming GCM encryption gives the very bytes of the array path, whatever pieces the message comes in. */
class GcmMessageSealerTest {
    private static final long SESSION_ID = 0x1000_0000_0025L;
    private static final byte[] KEY = Smb311BlogVectors.SERVER_ENCRYPTION_KEY;

    @Test
    void blogVectorFromAPiecedDirectMessage() {
        Smb2MessageCipher encryptor = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, KEY);
        byte[] message = Smb311BlogVectors.WRITE_RESPONSE;
        ByteBuf transformed = encryptor.encrypt(pieced(message, 7, 64), SESSION_ID,
                Smb311BlogVectors.WRITE_RESPONSE_NONCE_FIELD);
        try {
            assertEquals(hex(Smb311BlogVectors.WRITE_RESPONSE_TRANSFORMED), hex(ByteBufUtil.getBytes(transformed)));
        } finally {
            transformed.release();
        }
    }

    @Test
    void largeMessagesEqualTheArrayPathAndDecrypt() throws Exception {
        Smb2MessageCipher cipher = new Smb2MessageCipher(Smb2Cipher.AES_256_GCM, new byte[32]);
        Random random = new Random(42);
        // across the output pieces' size, and with lent pieces of odd lengths (the cipher buffers partial blocks)
        for (int length : new int[] {64, 65, 80 + 1000, GcmMessageSealer.PIECE_BYTES - 1,
                GcmMessageSealer.PIECE_BYTES + 80, 3 * GcmMessageSealer.PIECE_BYTES + 17}) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            byte[] nonceField = new byte[Smb2TransformHeader.NONCE_SIZE];
            random.nextBytes(nonceField);
            Arrays.fill(nonceField, 12, 16, (byte) 0);
            ByteBuf input = pieced(message, 80, 4099);
            ByteBuf transformed = cipher.encrypt(input, SESSION_ID, nonceField);
            try {
                byte[] streamed = ByteBufUtil.getBytes(transformed);
                assertArrayEquals(cipher.encryptWithNonceField(message, SESSION_ID, nonceField), streamed,
                        "message of " + length + " bytes");
                assertArrayEquals(message, cipher.decrypt(streamed));
                assertEquals(0, input.readerIndex(), "the message's indices do not move");
            } finally {
                transformed.release();
                input.release();
            }
        }
    }

    @Test
    void aMessageShorterThanAHeaderIsRefused() {
        Smb2MessageCipher cipher = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, KEY);
        ByteBuf tooShort = Unpooled.wrappedBuffer(new byte[63]);
        assertThrows(IllegalArgumentException.class, () -> cipher.encrypt(tooShort, SESSION_ID));
    }

    /** The message as a composite: a pooled head of {@code headLength}, then direct pieces of {@code pieceLength}. */
    private static ByteBuf pieced(byte[] message, int headLength, int pieceLength) {
        CompositeByteBuf composite = PooledByteBufAllocator.DEFAULT.compositeDirectBuffer(Integer.MAX_VALUE);
        int head = Math.min(headLength, message.length);
        composite.addComponent(true, PooledByteBufAllocator.DEFAULT.directBuffer(head).writeBytes(message, 0, head));
        for (int at = head; at < message.length; at += pieceLength) {
            int length = Math.min(pieceLength, message.length - at);
            ByteBuffer lent = ByteBuffer.allocateDirect(length).put(message, at, length).flip().asReadOnlyBuffer();
            composite.addComponent(true, Unpooled.wrappedBuffer(lent));
        }
        return composite;
    }
}
