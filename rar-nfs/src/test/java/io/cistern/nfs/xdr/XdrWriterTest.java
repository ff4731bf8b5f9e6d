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
}
