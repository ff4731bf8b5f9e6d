package io.cistern.nfs.xdr;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes XDR primitives (RFC 4506) into a buffer; the mirror of {@link XdrReader}.
 * <p>
 * A writer made by {@link #pieced} puts each large opaque (a READ's data) into a buffer of its own instead of growing
 * the one it writes into: Netty pools buffers of at most 1 MiB, so a reply of 1 MiB of data plus its header would
 * otherwise be allocated afresh (and zeroed) for every READ. The reply is then a composite of its pieces, taken with
 * {@link #finish}.
 */
public final class XdrWriter {
    /** An opaque at least this long becomes a piece of its own in a pieced writer. */
    static final int SEPARATE_PIECE_BYTES = 64 * 1024;

    private ByteBuf buf;
    private final boolean pieced;
    /** The pieces finished so far, in order; null until the first large opaque. */
    private ReleasingComposite pieces;
    /** Whether the last piece has gone into {@link #pieces}. */
    private boolean finished;

    public XdrWriter(ByteBuf buf) {
        this(buf, false);
    }

    private XdrWriter(ByteBuf buf, boolean pieced) {
        this.buf = buf;
        this.pieced = pieced;
    }

    /** A writer that starts in {@code head} and keeps large opaques apart; the caller takes the result from {@link #finish}. */
    public static XdrWriter pieced(ByteBuf head) {
        return new XdrWriter(head, true);
    }

    public XdrWriter writeInt(int value) {
        buf.writeInt(value);
        return this;
    }

    /** An XDR unsigned int; the value must fit in 32 bits. */
    public XdrWriter writeUnsignedInt(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an unsigned 32-bit value: " + value);
        }
        buf.writeInt((int) value);
        return this;
    }

    public XdrWriter writeLong(long value) {
        buf.writeLong(value);
        return this;
    }

    public XdrWriter writeBoolean(boolean value) {
        return writeInt(value ? 1 : 0);
    }

    /** Variable-length opaque data: length, bytes, padding. */
    public XdrWriter writeOpaque(byte[] bytes) {
        return writeOpaque(ByteBuffer.wrap(bytes));
    }

    /** Variable-length opaque data from a buffer's remaining bytes (its position is left as it is). */
    public XdrWriter writeOpaque(ByteBuffer bytes) {
        buf.writeInt(bytes.remaining());
        return writeFixedOpaque(bytes);
    }

    /**
     * Variable-length opaque data from memory lent until {@code whenSent} runs, which happens exactly once. A pieced
     * writer sends a large direct buffer as it is, without a copy, and runs {@code whenSent} when its output is
     * released: written to the socket, or dropped. Otherwise the bytes are copied and it runs before this returns.
     */
    public XdrWriter writeOpaque(ByteBuffer bytes, Runnable whenSent) {
        int length = bytes.remaining();
        if (!pieced || !bytes.isDirect() || length < SEPARATE_PIECE_BYTES) {
            try {
                return writeOpaque(bytes);
            } finally {
                whenSent.run();
            }
        }
        try {
            buf.writeInt(length);
            appendPiece(Unpooled.wrappedBuffer(bytes.duplicate()));
        } catch (RuntimeException | Error e) {
            whenSent.run();
            throw e;
        }
        pieces.runWhenReleased(whenSent);
        buf.writeZero(XdrReader.paddedLength(length) - length);
        return this;
    }

    /** Fixed-length opaque data: bytes, padding. */
    public XdrWriter writeFixedOpaque(byte[] bytes) {
        return writeFixedOpaque(ByteBuffer.wrap(bytes));
    }

    /** Fixed-length opaque data from a buffer's remaining bytes (its position is left as it is). */
    public XdrWriter writeFixedOpaque(ByteBuffer bytes) {
        int length = bytes.remaining();
        if (pieced && length >= SEPARATE_PIECE_BYTES) {
            appendPiece(copyToDirect(bytes));
            buf.writeZero(XdrReader.paddedLength(length) - length);
            return this;
        }
        // room for all of it at once: a READ's megabyte would otherwise grow the buffer by doubling, copying
        // what it holds at each step
        buf.ensureWritable(XdrReader.paddedLength(length));
        buf.writeBytes(bytes.duplicate());
        buf.writeZero(XdrReader.paddedLength(length) - length);
        return this;
    }

    public XdrWriter writeString(String value) {
        return writeOpaque(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The buffer being written into: the whole output, unless this writer is pieced. */
    public ByteBuf buffer() {
        return buf;
    }

    /**
     * Everything written, as one buffer that the caller now owns: for a pieced writer, the composite of its pieces.
     * Calling it again returns the same buffer; write nothing after it.
     */
    public ByteBuf finish() {
        if (pieces == null) {
            return buf;
        }
        if (!finished) {
            pieces.addComponent(true, buf);
            finished = true;
        }
        return pieces;
    }

    /** Releases what was written, for a writer whose output will not be sent (its encoding failed). */
    public void discard() {
        finish().release();
    }

    private ByteBuf copyToDirect(ByteBuffer bytes) {
        ByteBuf piece = buf.alloc().directBuffer(bytes.remaining(), bytes.remaining());
        return piece.writeBytes(bytes.duplicate());
    }

    private void appendPiece(ByteBuf piece) {
        ByteBufAllocator alloc = buf.alloc();
        if (pieces == null) {
            pieces = new ReleasingComposite(alloc);
        }
        pieces.addComponent(true, buf);
        pieces.addComponent(true, piece);
        buf = alloc.ioBuffer(64);
    }

    /**
     * The pieces of a reply, which also runs the callbacks of the memory lent to it when it is released: when the
     * transport has written it, or dropped it with a closed connection, or the writer discarded it.
     */
    private static final class ReleasingComposite extends CompositeByteBuf {
        private final List<Runnable> whenReleased = new ArrayList<>(1);

        ReleasingComposite(ByteBufAllocator alloc) {
            super(alloc, true, Integer.MAX_VALUE);
        }

        void runWhenReleased(Runnable callback) {
            whenReleased.add(callback);
        }

        @Override
        protected void deallocate() {
            try {
                super.deallocate();
            } finally {
                for (Runnable callback : whenReleased) {
                    callback.run();
                }
            }
        }
    }
}
