package io.cistern.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A message's buffer grows fourfold towards its announced length, into one of the recycled buffers once Netty would
 * not pool the size.
 */
class MessageCumulationTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private static final int WHOLE = 3 * 1024 * 1024;

    @Test
    void growsFourfoldTowardsTheWholeMessageThenIntoARecycledBuffer() {
        LargeMessageBuffers large = new LargeMessageBuffers(WHOLE, 1);
        byte[] message = new byte[WHOLE];
        new Random(3).nextBytes(message);
        ByteBuf cumulation = Unpooled.copiedBuffer(message, 0, 65536);
        int at = 65536;
        int grownTimes = 0;
        while (at < WHOLE) {
            int read = Math.min(65536, WHOLE - at);
            ByteBuf in = Unpooled.copiedBuffer(message, at, read);
            ByteBuf grown = MessageCumulation.grownTowards(ALLOC, large, cumulation, in, WHOLE);
            if (grown == null) {
                cumulation.writeBytes(in);   // what the merging cumulator does when there is room
                in.release();
            } else {
                grownTimes++;
                // a recycled buffer is whole at once: the listener has only a few of them for all its connections
                assertTrue(grown.capacity() <= MessageCumulation.GROWTH * (at + read)
                                || grown.capacity() == large.capacity() && large.existing() == 1,
                        grown.capacity() + " bytes held for " + (at + read) + " received");
                cumulation = grown;
            }
            at += read;
        }
        assertArrayEquals(message, ByteBufUtil.getBytes(cumulation));
        assertEquals(WHOLE, cumulation.capacity(), "the last growth is a recycled buffer of the whole size");
        assertEquals(1, large.existing());
        assertTrue(grownTimes <= 4, "grew " + grownTimes + " times for 48 reads");
        cumulation.release();
        ByteBuf again = large.take(ALLOC);
        assertNotNull(again, "released, the buffer is there for the next message");
        again.release();
    }

    @Test
    void leavesTheMergeToTheCallerWhenTheMessageIsCompleteOrThereIsRoom() {
        LargeMessageBuffers large = new LargeMessageBuffers(WHOLE, 1);
        ByteBuf cumulation = ALLOC.buffer(1000).writeBytes(new byte[10]);
        ByteBuf in = Unpooled.wrappedBuffer(new byte[20]);
        assertNull(MessageCumulation.grownTowards(ALLOC, large, cumulation, in, 30), "complete with this read");
        assertNull(MessageCumulation.grownTowards(ALLOC, large, cumulation, in, 5000), "room for this read");
        assertEquals(1, cumulation.refCnt());
        assertEquals(1, in.refCnt());
        cumulation.release();
        in.release();
        assertEquals(0, large.existing());
    }

    @Test
    void pastTheLimitAMessageGetsABufferOfItsOwn() {
        LargeMessageBuffers large = new LargeMessageBuffers(WHOLE, 1);
        ByteBuf held = large.take(ALLOC);
        ByteBuf cumulation = Unpooled.buffer(1 << 20, 1 << 20).writeBytes(new byte[1 << 20]);
        ByteBuf grown = MessageCumulation.grownTowards(ALLOC, large, cumulation, Unpooled.wrappedBuffer(new byte[10]),
                WHOLE);
        assertNotNull(grown);
        assertEquals((1 << 20) + 10, grown.readableBytes());
        assertEquals(1, large.existing(), "no more than the limit");
        grown.release();
        held.release();
    }
}
