package io.cistern.smb.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.transport.MessageCumulation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Direct TCP framing ([MS-SMB2] 2.1) in both directions. */
class DirectTcpFramingTest {
    private static final int MAX = 100;

    @Test
    void messagesAreCutOutOfAnyChunking() {
        EmbeddedChannel channel = new EmbeddedChannel(new DirectTcpFrameDecoder(MAX));
        ByteBuf wire = Unpooled.buffer()
                .writeInt(3).writeBytes(new byte[] {1, 2, 3})
                .writeInt(0)
                .writeInt(MAX).writeZero(MAX);
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(Math.min(5, wire.readableBytes())));
        }
        wire.release();
        assertMessage(channel, "010203");
        assertMessage(channel, "");
        assertMessage(channel, "00".repeat(MAX));
        assertNull(channel.readInbound());
        assertTrue(channel.isOpen());
        assertFalse(channel.finishAndReleaseAll());
    }

    /**
     * A large message arriving in socket-sized reads (its buffer grown at once to its announced length), with the
     * next message's start in its last read, and a message whose header itself is split: every byte in place.
     */
    @Test
    void largeMessagesArrivingInManyReadsAreCutOutWhole() {
        int large = 8 * 1024 * 1024 + 100;
        EmbeddedChannel channel = new EmbeddedChannel(new DirectTcpFrameDecoder(large));
        byte[] first = new byte[large];
        byte[] second = new byte[300_001];
        new java.util.Random(9).nextBytes(first);
        new java.util.Random(10).nextBytes(second);
        ByteBuf wire = Unpooled.buffer().writeInt(first.length).writeBytes(first).writeInt(second.length)
                .writeBytes(second).writeInt(2).writeBytes(new byte[] {7, 8});
        for (int chunk : new int[] {2, 65536 - 2}) {
            channel.writeInbound(wire.readRetainedSlice(chunk));
        }
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(Math.min(65536 + 7, wire.readableBytes())));
        }
        wire.release();
        for (byte[] expected : new byte[][] {first, second, {7, 8}}) {
            ByteBuf message = channel.readInbound();
            assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(message));
            message.release();
        }
        assertNull(channel.readInbound());
        assertFalse(channel.finishAndReleaseAll());
    }

    /** A header that announces 8 MiB, then a trickle: the server holds a few times what came, not 8 MiB. */
    @Test
    void aMessageAnnouncedButNotSentHoldsLittleMemory() {
        DirectTcpFrameDecoder decoder = new DirectTcpFrameDecoder(8 * 1024 * 1024 + 100);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channel.writeInbound(Unpooled.buffer().writeInt(8 * 1024 * 1024).writeBytes(new byte[1000]));
        for (int i = 0; i < 10; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[1000]));
        }
        assertNull(channel.readInbound());
        int received = 4 + 11 * 1000;
        assertTrue(decoder.heldCapacity() <= MessageCumulation.GROWTH * received + 65536,
                "holds " + decoder.heldCapacity() + " bytes for " + received + " received");
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void aNonZeroFirstByteClosesTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new DirectTcpFrameDecoder(MAX));
        ByteBuf netbiosKeepAlive = Unpooled.buffer().writeInt(0x8500_0000).writeInt(3).writeBytes(new byte[3]);
        channel.writeInbound(netbiosKeepAlive);
        assertFalse(channel.isOpen());
        assertNull(channel.readInbound());
        assertEquals(0, netbiosKeepAlive.refCnt());
    }

    @Test
    void anOversizedMessageClosesTheConnectionWithoutBufferingIt() {
        EmbeddedChannel channel = new EmbeddedChannel(new DirectTcpFrameDecoder(MAX));
        ByteBuf first = Unpooled.buffer().writeInt(1).writeByte(7).writeInt(MAX + 1).writeZero(10);
        channel.writeInbound(first);
        assertMessage(channel, "07");
        assertFalse(channel.isOpen());
        assertNull(channel.readInbound());
        assertEquals(0, first.refCnt());
    }

    @Test
    void theEncoderPutsTheLengthInFront() {
        EmbeddedChannel channel = new EmbeddedChannel(new DirectTcpFrameEncoder());
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[0x0102]));
        ByteBuf header = channel.readOutbound();
        ByteBuf body = channel.readOutbound();
        assertEquals("00000102", ByteBufUtil.hexDump(header));
        assertEquals(0x0102, body.readableBytes());
        header.release();
        body.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    private static void assertMessage(EmbeddedChannel channel, String hex) {
        ByteBuf message = channel.readInbound();
        try {
            assertEquals(hex, ByteBufUtil.hexDump(message));
        } finally {
            message.release();
        }
    }
}
