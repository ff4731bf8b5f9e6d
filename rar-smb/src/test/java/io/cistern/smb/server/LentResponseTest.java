package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.crypto.Smb2Cipher;
import io.cistern.smb.crypto.Smb2MessageCipher;
import io.cistern.smb.crypto.Smb2Signer;
import io.cistern.smb.crypto.Smb2SigningAlgorithm;
import io.cistern.smb.crypto.Smb2Signers;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2ReadResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A READ response sent from lent data ({@link Smb2ResponseWriter#writeLent}) is byte for byte the response the
 * copying encoder makes, plain, signed and encrypted, and hands the data back exactly once: after the write, on a
 * closed channel, and when the encoding fails.
 */
class LentResponseTest {
    private static final long SESSION_ID = 0x4000_0000_0011L;
    private static final Smb2Header HEADER = Smb2Header.response(Smb2Command.READ, 77, NtStatus.STATUS_SUCCESS, 5,
            SESSION_ID).withTreeId(9);
    private static final int BLOCK = 4 << 20;

    private final Smb2ResponseWriter writer = new Smb2ResponseWriter();
    private final AtomicInteger released = new AtomicInteger();
    private final Runnable release = released::incrementAndGet;

    @Test
    void plainResponseFromViewsEqualsTheCopyingEncoderAndIsSentUncopied() {
        byte[] data = random(BLOCK + 1234);
        List<ByteBuffer> views = views(data, BLOCK);      // a read across two blocks: two views
        EmbeddedChannel channel = new EmbeddedChannel();

        writer.writeLent(channel, HEADER, fixedPart(data), views, release, null);

        ByteBuf sent = channel.readOutbound();
        assertEquals(0, released.get(), "the views stay lent until the response is freed");
        assertTrue(sent.nioBufferCount() >= 3, "head and both views, not one copy");
        assertArrayEquals(copyingEncoder(channel, data, null), ByteBufUtil.getBytes(sent));
        sent.release();
        assertEquals(1, released.get());
        assertFalse(channel.finish());
    }

    @Test
    void signedResponseEqualsTheCopyingEncoder() {
        byte[] data = random(2 * BLOCK);
        ResponseProtection signed = ResponseProtection.signedBy(Smb2Signers.of(Smb2SigningAlgorithm.AES_GMAC,
                new byte[16]));
        EmbeddedChannel channel = new EmbeddedChannel();

        writer.writeLent(channel, HEADER, fixedPart(data), views(data, BLOCK), release, signed);

        ByteBuf sent = channel.readOutbound();
        assertArrayEquals(copyingEncoder(channel, data, signed), ByteBufUtil.getBytes(sent));
        sent.release();
        assertEquals(1, released.get());
    }

    @Test
    void encryptedResponseDecryptsToTheCopyingEncodersAndReleasesOnceEncrypted() throws Exception {
        byte[] data = random(BLOCK + 4097);
        List<ByteBuffer> lent = new ArrayList<>(views(data, BLOCK));
        lent.add(1, ByteBuffer.allocate(0));                // an empty piece changes nothing
        for (Smb2Cipher cipher : List.of(Smb2Cipher.AES_128_GCM, Smb2Cipher.AES_256_CCM)) {
            released.set(0);
            Smb2MessageCipher sealing = new Smb2MessageCipher(cipher, new byte[cipher.keyLength()]);
            EmbeddedChannel channel = new EmbeddedChannel();

            writer.writeLent(channel, HEADER, fixedPart(data), lent, release,
                    new ResponseProtection.Encrypted(sealing, SESSION_ID));

            assertEquals(1, released.get(), cipher + ": the ciphertext holds the bytes; the views go back at once");
            ByteBuf sent = channel.readOutbound();
            byte[] plain = sealing.decrypt(ByteBufUtil.getBytes(sent));
            sent.release();
            assertArrayEquals(copyingEncoder(channel, data, null), plain, cipher.toString());
            assertEquals(1, released.get());
        }
    }

    @Test
    void heapDataIsSentFromPooledDirectPieces() {
        byte[] data = random(LentData.PIECE_BYTES * 2 + 5);
        EmbeddedChannel channel = new EmbeddedChannel();

        writer.writeLent(channel, HEADER, fixedPart(data), List.of(ByteBuffer.wrap(data)), release, null);

        ByteBuf sent = channel.readOutbound();
        assertTrue(sent.isDirect(), "a message with a heap part would be copied whole before the socket write");
        assertArrayEquals(copyingEncoder(channel, data, null), ByteBufUtil.getBytes(sent));
        sent.release();
        assertEquals(1, released.get());
    }

    @Test
    void aClosedChannelReleasesTheViewsOnce() {
        byte[] data = random(BLOCK + 10);
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.close();

        writer.writeLent(channel, HEADER, fixedPart(data), views(data, BLOCK), release, null);

        assertNull(channel.readOutbound());
        assertEquals(1, released.get());
    }

    @Test
    void aFailedEncodingReleasesTheViewsOnceAndSendsNothing() {
        byte[] data = random(100);
        EmbeddedChannel channel = new EmbeddedChannel();
        Consumer<ByteBuf> failing = out -> {
            throw new IllegalStateException("encoding failed");
        };

        assertThrows(IllegalStateException.class,
                () -> writer.writeLent(channel, HEADER, failing, views(data, BLOCK), release, null));
        // a failure while protecting: the composite is built by then, and its release must run the lender's
        assertThrows(IllegalStateException.class, () -> writer.writeLent(channel, HEADER, fixedPart(data),
                views(data, BLOCK), release, ResponseProtection.signedBy(new FailingSigner())));

        assertNull(channel.readOutbound());
        assertEquals(2, released.get(), "once for each response that failed");
    }

    @Test
    void theReleaseRunsOnceEvenWhenTheResponseIsReleasedAgainByAFailurePath() {
        byte[] data = random(1000);
        ByteBuf encoded = Smb2ResponseWriter.encodeLent(new EmbeddedChannel(), HEADER, fixedPart(data),
                views(data, BLOCK), release, null);
        encoded.retain();
        encoded.release();
        assertEquals(0, released.get());
        encoded.release();
        assertEquals(1, released.get());
        assertEquals(0, encoded.refCnt());
    }

    /** A signer whose signing fails, as a broken key or provider would make it. */
    private static final class FailingSigner implements Smb2Signer {
        @Override
        public Smb2SigningAlgorithm algorithm() {
            return Smb2SigningAlgorithm.AES_CMAC;
        }

        @Override
        public void sign(byte[] message, int offset, int length) {
            throw new IllegalStateException("signing failed");
        }

        @Override
        public boolean verify(byte[] message, int offset, int length) {
            return false;
        }

        @Override
        public void sign(ByteBuf buffer, int index, int length) {
            throw new IllegalStateException("signing failed");
        }

        @Override
        public boolean verify(ByteBuf buffer, int index, int length) {
            return false;
        }
    }

    private static Consumer<ByteBuf> fixedPart(byte[] data) {
        return out -> Smb2ReadResponse.encodeFixedPart(out, data.length);
    }

    private static byte[] copyingEncoder(EmbeddedChannel channel, byte[] data, ResponseProtection protection) {
        ByteBuf old = Smb2ResponseWriter.encode(channel, HEADER, new Smb2ReadResponse(ByteBuffer.wrap(data))::encode,
                protection);
        try {
            return ByteBufUtil.getBytes(old);
        } finally {
            old.release();
        }
    }

    /** The data as read-only direct views of at most {@code block} bytes each, as the cache lends them. */
    private static List<ByteBuffer> views(byte[] data, int block) {
        List<ByteBuffer> views = new ArrayList<>();
        for (int at = 0; at < data.length; at += block) {
            int length = Math.min(block, data.length - at);
            views.add(ByteBuffer.allocateDirect(length).put(data, at, length).flip().asReadOnlyBuffer());
        }
        return views;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
