package io.cistern.nfs.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Record marking on its own: what a record in many fragments costs, and that it comes out whole. */
class RecordMarkingDecoderTest {

    @Test
    void aRecordInTinyFragmentsIsCopiedIntoOneBufferNotKeptAsThousandsOfSlices() {
        byte[] data = new byte[64 * 1024];
        new Random(5).nextBytes(data);
        ByteBuf wire = Unpooled.buffer();
        for (int i = 0; i < data.length; i++) {
            wire.writeInt((i == data.length - 1 ? 0x8000_0000 : 0) | 1).writeByte(data[i]);
        }
        EmbeddedChannel channel = new EmbeddedChannel(new RecordMarkingDecoder(1 << 20));
        channel.writeInbound(wire);
        ByteBuf record = channel.readInbound();
        try {
            assertEquals(data.length, record.readableBytes());
            assertEquals(ByteBufUtil.hexDump(data), ByteBufUtil.hexDump(record));
            assertTrue(!(record instanceof CompositeByteBuf), "one buffer, not a composite of 65536 slices");
            assertTrue(record.capacity() <= 2 * data.length, "bounded by the record, got " + record.capacity());
        } finally {
            record.release();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aSingleFragmentRecordIsPassedOnWithoutACopy() {
        ByteBuf wire = Unpooled.buffer().writeInt(0x8000_0000 | 3).writeBytes(new byte[] {1, 2, 3});
        EmbeddedChannel channel = new EmbeddedChannel(new RecordMarkingDecoder(1 << 20));
        channel.writeInbound(wire);
        ByteBuf record = channel.readInbound();
        try {
            assertEquals(3, record.readableBytes());
            assertInstanceOf(ByteBuf.class, record.unwrap(), "a slice of what arrived");
        } finally {
            record.release();
            channel.finishAndReleaseAll();
        }
    }
}
