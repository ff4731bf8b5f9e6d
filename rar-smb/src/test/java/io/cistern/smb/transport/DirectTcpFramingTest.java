package io.cistern.smb.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
