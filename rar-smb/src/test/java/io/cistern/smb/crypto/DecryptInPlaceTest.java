package io.cistern.smb.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.smb.wire.Smb2TransformHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decrypting in place gives what the array path gives, refuses what it refuses, writes nowhere but the message's own
 * bytes, and leaves a message it may not write alone.
 */
class DecryptInPlaceTest {
    private static final long SESSION_ID = 0x1000_0000_0025L;
    /** Where the plaintext starts in a message opened in place: the ciphertext moved down by the tag's length. */
    private static final int PLAINTEXT_AT = Smb2TransformHeader.STRUCTURE_SIZE - Smb2Cipher.TAG_LENGTH;

    @Test
    void blogVectorsDecryptIntoBuffers() throws Exception {
        Smb2MessageCipher gcm = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, Smb311BlogVectors.SERVER_DECRYPTION_KEY);
        assertArrayEquals(Smb311BlogVectors.WRITE_REQUEST, opened(gcm, direct(Smb311BlogVectors.WRITE_REQUEST_TRANSFORMED)));
        Smb2MessageCipher ccm = new Smb2MessageCipher(Smb2Cipher.AES_128_CCM, Smb30BlogVectors.SERVER_DECRYPTION_KEY);
        assertArrayEquals(Smb30BlogVectors.WRITE_REQUEST, opened(ccm, direct(Smb30BlogVectors.WRITE_REQUEST_TRANSFORMED)));
    }

    @Test
    void largeMessagesRoundTripWithEveryCipher() throws Exception {
        byte[] message = randomMessage(8 * 1024 * 1024 + 113, 5);
        for (Smb2Cipher cipher : Smb2Cipher.values()) {
            Smb2MessageCipher keyed = new Smb2MessageCipher(cipher, new byte[cipher.keyLength()]);
            assertArrayEquals(message, opened(keyed, direct(keyed.encrypt(message, SESSION_ID))), cipher.toString());
        }
    }

    @Test
    void gcmPlaintextIsTheMessagesOwnMemory() throws Exception {
        Smb2MessageCipher gcm = new Smb2MessageCipher(Smb2Cipher.AES_256_GCM, new byte[32]);
        byte[] message = randomMessage(3 * 1024 * 1024 + 7, 6);
        ByteBuf transformed = direct(gcm.encrypt(message, SESSION_ID));
        ByteBuf plaintext = gcm.decryptInPlace(transformed);
        try {
            assertEquals(transformed.memoryAddress() + PLAINTEXT_AT, plaintext.memoryAddress());
            assertArrayEquals(message, ByteBufUtil.getBytes(plaintext));
            assertEquals(2, transformed.refCnt(), "the plaintext holds the message's memory");
        } finally {
            plaintext.release();
        }
        assertEquals(1, transformed.refCnt());
        transformed.release();
    }

    /** As the framer hands it over: a slice of the received bytes, with the next message's bytes right behind it. */
    @Test
    void bytesAroundTheMessageAreLeftAlone() throws Exception {
        Smb2MessageCipher gcm = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, new byte[16]);
        byte[] message = randomMessage(70_000, 7);
        byte[] sealed = gcm.encrypt(message, SESSION_ID);
        byte[] before = randomMessage(4, 8);
        byte[] after = randomMessage(Smb2TransformHeader.STRUCTURE_SIZE + 100, 9);
        ByteBuf received = PooledByteBufAllocator.DEFAULT.directBuffer()
                .writeBytes(before).writeBytes(sealed).writeBytes(after);
        try {
            received.skipBytes(before.length);
            ByteBuf frame = received.readRetainedSlice(sealed.length);
            ByteBuf plaintext = gcm.decryptInPlace(frame);
            frame.release();
            assertArrayEquals(message, ByteBufUtil.getBytes(plaintext));
            plaintext.release();
            assertArrayEquals(before, ByteBufUtil.getBytes(received, 0, before.length));
            assertArrayEquals(after, ByteBufUtil.getBytes(received));
        } finally {
            received.release();
        }
    }

    @Test
    void aMessageThatMayNotBeWrittenIsOpenedFromACopy() throws Exception {
        Smb2MessageCipher gcm = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, new byte[16]);
        byte[] message = randomMessage(200_000, 10);
        byte[] sealed = gcm.encrypt(message, SESSION_ID);
        ByteBuf readOnly = Unpooled.wrappedBuffer(sealed.clone()).asReadOnly();
        ByteBuf opened = gcm.decryptInPlace(readOnly);
        try {
            assertArrayEquals(message, ByteBufUtil.getBytes(opened));
            assertArrayEquals(sealed, ByteBufUtil.getBytes(readOnly), "a read-only message is not written");
        } finally {
            opened.release();
            readOnly.release();
        }
        CompositeByteBuf pieces = Unpooled.compositeBuffer().addComponents(true,
                Unpooled.wrappedBuffer(Arrays.copyOfRange(sealed, 0, 30)),
                Unpooled.wrappedBuffer(Arrays.copyOfRange(sealed, 30, sealed.length)));
        ByteBuf plaintext = gcm.decryptInPlace(pieces);
        try {
            assertArrayEquals(message, ByteBufUtil.getBytes(plaintext));
            assertArrayEquals(sealed, ByteBufUtil.getBytes(pieces), "the pieces are not written");
        } finally {
            plaintext.release();
            pieces.release();
        }
    }

    @Test
    void aHeapMessageIsOpenedInPlaceToo() throws Exception {
        Smb2MessageCipher gcm = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, new byte[16]);
        byte[] message = randomMessage(1000, 11);
        byte[] sealed = gcm.encrypt(message, SESSION_ID);
        assertArrayEquals(message, opened(gcm, Unpooled.wrappedBuffer(sealed)));
        assertArrayEquals(message, Arrays.copyOfRange(sealed, PLAINTEXT_AT, PLAINTEXT_AT + message.length));
    }

    @Test
    void aTamperedOrMisSizedMessageIsRefused() {
        Smb2MessageCipher gcm = new Smb2MessageCipher(Smb2Cipher.AES_256_GCM, new byte[32]);
        byte[] sealed = gcm.encrypt(new byte[1000], SESSION_ID);
        for (int at : new int[] {sealed.length - 1, Smb2TransformHeader.STRUCTURE_SIZE, 4, 20, 44}) {
            byte[] tampered = sealed.clone();
            tampered[at] ^= 1;
            ByteBuf tamperedBuffer = direct(tampered);
            assertThrows(Smb2DecryptionException.class, () -> gcm.decryptInPlace(tamperedBuffer), "byte " + at);
            assertEquals(1, tamperedBuffer.refCnt(), "the message stays the caller's");
            tamperedBuffer.release();
        }
        ByteBuf truncated = Unpooled.wrappedBuffer(sealed, 0, sealed.length - 1);
        assertThrows(Smb2DecryptionException.class, () -> gcm.decryptInPlace(truncated));
    }

    private static byte[] opened(Smb2MessageCipher cipher, ByteBuf transformed) throws Exception {
        ByteBuf plaintext = cipher.decryptInPlace(transformed);
        try {
            assertEquals(0, transformed.readerIndex());
            return ByteBufUtil.getBytes(plaintext);
        } finally {
            plaintext.release();
            transformed.release();
        }
    }

    /** An SMB2-sized message of random bytes (the cipher checks only that it holds a header's 64 bytes). */
    private static byte[] randomMessage(int length, long seed) {
        byte[] message = new byte[length];
        new Random(seed).nextBytes(message);
        return message;
    }

    private static ByteBuf direct(byte[] bytes) {
        return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }
}
