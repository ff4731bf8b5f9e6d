package io.cistern.nfs.xdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class XdrWriterTest {
    private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    @Test
    void aPiecedWriterWritesTheSameBytesWithTheLargeOpaqueInAPieceOfItsOwn() {
        byte[] data = new byte[1024 * 1024 - 3];   // odd: the padding must follow the piece
        new Random(5).nextBytes(data);
        Consumer<XdrWriter> reply = out -> out.writeInt(7).writeLong(-2).writeOpaque(ByteBuffer.wrap(data)).writeInt(9);

        ByteBuf plain = Unpooled.buffer();
        reply.accept(new XdrWriter(plain));
        XdrWriter piecedWriter = XdrWriter.pieced(ALLOC.ioBuffer(64));
        reply.accept(piecedWriter);
        ByteBuf pieced = piecedWriter.finish();
        try {
            assertArrayEquals(ByteBufUtil.getBytes(plain), ByteBufUtil.getBytes(pieced));
            CompositeByteBuf composite = (CompositeByteBuf) pieced;
            assertEquals(3, composite.numComponents(), "head, the data, then what follows it");
            assertEquals(data.length, composite.component(1).readableBytes());
            for (int i = 0; i < composite.numComponents(); i++) {
                assertTrue(composite.component(i).capacity() <= 1024 * 1024, "every piece fits Netty's pooled sizes");
            }
        } finally {
            pieced.release();
        }
    }

    @Test
    void smallOpaquesStayInTheHeadAndFinishReturnsIt() {
        ByteBuf head = ALLOC.ioBuffer(64);
        XdrWriter out = XdrWriter.pieced(head).writeOpaque(new byte[XdrWriter.SEPARATE_PIECE_BYTES - 1]);
        ByteBuf finished = out.finish();
        assertSame(head, finished);
        assertEquals(4 + XdrWriter.SEPARATE_PIECE_BYTES, finished.readableBytes());
        finished.release();
    }

    @Test
    void discardReleasesEveryPiece() {
        ByteBuf head = ALLOC.ioBuffer(64);
        XdrWriter out = XdrWriter.pieced(head).writeInt(1).writeOpaque(new byte[200_000]);
        ByteBuf whole = out.finish();
        CompositeByteBuf composite = (CompositeByteBuf) whole;
        ByteBuf piece = composite.internalComponent(1);
        out.discard();
        assertEquals(0, whole.refCnt());
        assertEquals(0, head.refCnt());
        assertEquals(0, piece.refCnt());
    }

    /**
     * A READ's data lent from the block cache: sent as it is, not copied, and given back only when the reply is
     * released (after the transport wrote it, or when it is dropped), exactly once.
     */
    @Test
    void lentDirectBytesGoOutUncopiedAndAreGivenBackWhenTheReplyIsReleased() {
        ByteBuffer slab = ByteBuffer.allocateDirect(1 << 20);
        for (int i = 0; i < slab.capacity(); i++) {
            slab.put(i, (byte) (i * 31));
        }
        ByteBuffer lent = slab.slice(4096, 300_001).asReadOnlyBuffer();
        AtomicInteger givenBack = new AtomicInteger();
        XdrWriter out = XdrWriter.pieced(ALLOC.ioBuffer(64)).writeInt(1).writeOpaque(lent, givenBack::incrementAndGet)
                .writeInt(2);
        ByteBuf reply = out.finish();
        CompositeByteBuf composite = (CompositeByteBuf) reply;
        ByteBuf data = composite.component(1);
        assertTrue(data.hasMemoryAddress() || data.isDirect(), "the lent memory itself");
        assertEquals(300_001, data.readableBytes());
        assertEquals(0, givenBack.get(), "held while the reply may still be written");
        ByteBuf expected = Unpooled.buffer().writeInt(1).writeInt(300_001).writeBytes(lent.duplicate())
                .writeZero(3).writeInt(2);
        assertArrayEquals(ByteBufUtil.getBytes(expected), ByteBufUtil.getBytes(reply));

        ByteBuf framed = reply.retain();   // as the record-marking encoder passes it on
        reply.release();
        assertEquals(0, givenBack.get());
        framed.release();
        assertEquals(1, givenBack.get(), "given back once the last holder released the reply");
    }

    @Test
    void lentBytesThatAreCopiedAreGivenBackAtOnce() {
        AtomicInteger givenBack = new AtomicInteger();
        ByteBuffer small = ByteBuffer.allocateDirect(100);
        XdrWriter.pieced(ALLOC.ioBuffer(64)).writeOpaque(small, givenBack::incrementAndGet).finish().release();
        assertEquals(1, givenBack.get(), "too small for a piece: copied into the head");

        ByteBuffer heap = ByteBuffer.allocate(200_000);
        ByteBuf reply = XdrWriter.pieced(ALLOC.ioBuffer(64)).writeOpaque(heap, givenBack::incrementAndGet).finish();
        assertEquals(2, givenBack.get(), "heap bytes are copied to a direct piece");
        reply.release();

        new XdrWriter(Unpooled.buffer()).writeOpaque(ByteBuffer.allocateDirect(200_000), givenBack::incrementAndGet);
        assertEquals(3, givenBack.get(), "a plain writer copies everything");
    }

    @Test
    void aDiscardedReplyGivesLentBytesBack() {
        AtomicInteger givenBack = new AtomicInteger();
        XdrWriter out = XdrWriter.pieced(ALLOC.ioBuffer(64))
                .writeOpaque(ByteBuffer.allocateDirect(200_000), givenBack::incrementAndGet);
        out.discard();
        assertEquals(1, givenBack.get());
    }
}
