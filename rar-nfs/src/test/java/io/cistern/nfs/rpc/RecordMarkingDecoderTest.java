package io.cistern.nfs.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.transport.LargeMessageBuffers;
import io.cistern.transport.MessageCumulation;
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

    /**
     * A 1 MiB WRITE's record arriving in socket-sized reads is received into one of the listener's recycled buffers,
     * passed on as a slice of it, and the buffer carries the next such record once the first is released.
     */
    @Test
    void aLargeRecordIsReceivedIntoARecycledBufferThatCarriesTheNextOne() {
        int max = (1 << 20) + 64 * 1024;
        LargeMessageBuffers large = new LargeMessageBuffers(max, 1);
        EmbeddedChannel channel = new EmbeddedChannel(new RecordMarkingDecoder(max, large));
        for (int seed = 1; seed <= 3; seed++) {
            byte[] data = new byte[(1 << 20) + 200 + seed];
            new Random(seed).nextBytes(data);
            ByteBuf wire = Unpooled.buffer().writeInt(0x8000_0000 | data.length).writeBytes(data);
            while (wire.isReadable()) {
                channel.writeInbound(wire.readRetainedSlice(Math.min(65536, wire.readableBytes())));
            }
            wire.release();
            ByteBuf record = channel.readInbound();
            assertArrayEquals(data, ByteBufUtil.getBytes(record), "record " + seed);
            assertEquals(max, record.unwrap().capacity(), "a slice of a recycled buffer, record " + seed);
            record.release();
            assertEquals(1, large.existing(), "after record " + seed);
        }
        assertNull(channel.readInbound());
        assertFalse(channel.finishAndReleaseAll());
    }

    /** A fragment header that announces 1 MiB, then a trickle: the server holds a few times what came, not 1 MiB. */
    @Test
    void aRecordAnnouncedButNotSentHoldsLittleMemory() {
        RecordMarkingDecoder decoder = new RecordMarkingDecoder(1 << 21);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channel.writeInbound(Unpooled.buffer().writeInt(0x8000_0000 | (1 << 20)).writeBytes(new byte[1000]));
        for (int i = 0; i < 10; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[1000]));
        }
        assertNull(channel.readInbound());
        int received = 4 + 11 * 1000;
        assertTrue(decoder.heldCapacity() <= MessageCumulation.GROWTH * received + 65536,
                "holds " + decoder.heldCapacity() + " bytes for " + received + " received");
        assertFalse(channel.finishAndReleaseAll());
    }
}
