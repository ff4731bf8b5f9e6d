package io.cistern.smb.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A response made of its encoded head and data the application lends (a READ's bytes, often views of the blocks its
 * cache holds off the heap), sent as they lie: a composite buffer whose components are the head and the lent
 * buffers, uncopied, so that the socket writes them with one gathering write. When the composite is freed — written
 * to the socket, dropped with a closed connection, or released after a failed encoding — the application's
 * {@code release} runs, exactly once.
 * <p>
 * Lent heap bytes are copied into pooled direct pieces of at most {@link #PIECE_BYTES}: Netty copies a message
 * that is not wholly direct into one direct buffer before it writes, and a buffer of a READ's megabytes would be
 * allocated afresh, outside the pools, every time.
 */
final class LentData {
    static final int PIECE_BYTES = 1 << 20;

    private LentData() {
    }

    /**
     * {@code head} followed by {@code lent}; owns {@code head} and the release from here on, also when it throws
     * (then both are released before it returns).
     */
    static ByteBuf assemble(ByteBuf head, List<ByteBuffer> lent, Runnable release) {
        Runnable once = once(release);
        ReleasingComposite message;
        try {
            message = new ReleasingComposite(head.alloc(), once);
        } catch (RuntimeException | Error e) {
            head.release();
            once.run();
            throw e;
        }
        try {
            message.addComponent(true, head);
            for (ByteBuffer piece : lent) {
                add(message, piece);
            }
            return message;
        } catch (RuntimeException | Error e) {
            message.release();
            throw e;
        }
    }

    private static void add(CompositeByteBuf message, ByteBuffer piece) {
        if (!piece.hasRemaining()) {
            return;
        }
        if (piece.isDirect()) {
            message.addComponent(true, Unpooled.wrappedBuffer(piece.duplicate()));
            return;
        }
        ByteBuffer rest = piece.duplicate();
        while (rest.hasRemaining()) {
            int length = Math.min(rest.remaining(), PIECE_BYTES);
            ByteBuf copy = message.alloc().directBuffer(length, length);
            try {
                copy.writeBytes(rest.slice(rest.position(), length));
            } catch (RuntimeException | Error e) {
                copy.release();
                throw e;
            }
            message.addComponent(true, copy);
            rest.position(rest.position() + length);
        }
    }

    /** {@code release} guarded so that only its first run counts. */
    static Runnable once(Runnable release) {
        AtomicBoolean ran = new AtomicBoolean();
        return () -> {
            if (ran.compareAndSet(false, true)) {
                release.run();
            }
        };
    }

    /** The composite that runs the lender's release when it is freed, after its components are. */
    private static final class ReleasingComposite extends CompositeByteBuf {
        private final Runnable whenFreed;

        ReleasingComposite(ByteBufAllocator alloc, Runnable whenFreed) {
            // no limit: past it, Netty would consolidate the components into one copy
            super(alloc, true, Integer.MAX_VALUE);
            this.whenFreed = whenFreed;
        }

        @Override
        protected void deallocate() {
            try {
                super.deallocate();
            } finally {
                whenFreed.run();
            }
        }
    }
}
