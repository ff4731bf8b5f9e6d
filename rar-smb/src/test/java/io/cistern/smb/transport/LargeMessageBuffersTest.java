package io.cistern.smb.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.smb.crypto.Smb2Cipher;
import io.cistern.smb.crypto.Smb2MessageCipher;
import io.cistern.smb.wire.Smb2TransformHeader;
import io.cistern.transport.LargeMessageBuffers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Messages above 1 MiB are received into the listener's recycled buffers, as many as its limit allows. */
class LargeMessageBuffersTest {
    private static final int MAX = 8 * 1024 * 1024 + 64 * 1024;

    @Test
    void aReleasedMessagesBufferCarriesTheNextOne() {
        LargeMessageBuffers large = new LargeMessageBuffers(DirectTcpFrameDecoder.HEADER_BYTES + MAX, 1);
        EmbeddedChannel channel = new EmbeddedChannel(new DirectTcpFrameDecoder(MAX, large));
        for (int seed = 1; seed <= 3; seed++) {
            byte[] message = random(MAX, seed);
            sendInReads(channel, message);
            ByteBuf received = channel.readInbound();
            assertArrayEquals(message, ByteBufUtil.getBytes(received), "message " + seed);
            received.release();
            assertEquals(1, large.existing(), "after message " + seed);
        }
        assertFalse(channel.finishAndReleaseAll());
    }

    /** Past the limit, a message gets a buffer of its own, and the bytes are the same. */
    @Test
    void messagesHeldPastTheLimitGetBuffersOfTheirOwn() {
        LargeMessageBuffers large = new LargeMessageBuffers(DirectTcpFrameDecoder.HEADER_BYTES + MAX, 2);
        EmbeddedChannel channel = new EmbeddedChannel(new DirectTcpFrameDecoder(MAX, large));
        List<ByteBuf> held = new ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            byte[] message = random(3 * 1024 * 1024 + seed, seed);
            sendInReads(channel, message);
            ByteBuf received = channel.readInbound();
            assertArrayEquals(message, ByteBufUtil.getBytes(received), "message " + seed);
            held.add(received);
        }
        assertEquals(2, large.existing());
        held.forEach(ByteBuf::release);
        assertEquals(2, large.existing(), "given back, not freed");
        ByteBuf first = large.take(ByteBufAllocator.DEFAULT);
        ByteBuf second = large.take(ByteBufAllocator.DEFAULT);
        assertNull(large.take(ByteBufAllocator.DEFAULT));
        assertEquals(0, first.writerIndex());
        assertEquals(large.capacity(), first.maxCapacity());
        assertThrows(IndexOutOfBoundsException.class, () -> first.writerIndex(large.capacity()).writeByte(1),
                "a recycled buffer does not grow out of its memory");
        first.release();
        second.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    /** An encrypted WRITE of the largest size opens where it was received, and the buffer goes back afterwards. */
    @Test
    void anEncryptedMessageOpensInTheRecycledBuffer() throws Exception {
        LargeMessageBuffers large = new LargeMessageBuffers(DirectTcpFrameDecoder.HEADER_BYTES + MAX, 1);
        EmbeddedChannel channel = new EmbeddedChannel(new DirectTcpFrameDecoder(MAX, large));
        Smb2MessageCipher gcm = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, new byte[16]);
        byte[] message = random(MAX - Smb2TransformHeader.STRUCTURE_SIZE, 4);
        sendInReads(channel, gcm.encrypt(message, 7));
        ByteBuf received = channel.readInbound();
        ByteBuf plaintext = gcm.decryptInPlace(received);
        received.release();
        assertArrayEquals(message, ByteBufUtil.getBytes(plaintext));
        plaintext.release();
        ByteBuf again = large.take(ByteBufAllocator.DEFAULT);
        assertNotNull(again, "the plaintext's release gave the buffer back");
        assertEquals(1, large.existing());
        again.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void buffersTooSmallForTheLargestMessageAreRefused() {
        LargeMessageBuffers small = new LargeMessageBuffers(MAX, 2);
        assertThrows(IllegalArgumentException.class, () -> new DirectTcpFrameDecoder(MAX, small));
    }

    /** The message framed, in reads of a socket's size. */
    private static void sendInReads(EmbeddedChannel channel, byte[] message) {
        ByteBuf wire = Unpooled.buffer().writeInt(message.length).writeBytes(message);
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(Math.min(65536, wire.readableBytes())));
        }
        wire.release();
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
