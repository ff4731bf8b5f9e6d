package io.cistern.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * How a framing decoder's buffer grows while a large message arrives, when its header has announced the whole length
 * (SMB's Direct TCP length, an RPC record fragment's length). Netty's merging cumulator alone doubles the buffer again
 * and again as the bytes come in (64 KiB reads for a 1 MiB NFS or an 8 MiB SMB WRITE), copying what came so far each
 * time, and the sizes above {@link LargeMessageBuffers#POOLED_BY_NETTY} are fresh, zeroed allocations. Here the buffer
 * grows fourfold towards the announced length instead, and a size Netty does not pool is one of the listener's
 * {@link LargeMessageBuffers}, while there are any. Not straight to the whole length: a client that sends a header
 * announcing 8 MiB and then nothing would make the server hold 8 MiB per connection for a few bytes; this way what is
 * held is at most four times what arrived.
 */
public final class MessageCumulation {
    /** How much larger a growing message's buffer gets than what arrived of it. */
    public static final int GROWTH = 4;

    private MessageCumulation() {
    }

    /**
     * {@code cumulation} with {@code in} appended, in a grown buffer, when the message at the cumulation's reader index
     * is {@code whole} bytes long (counted from there), is still incomplete with {@code in}, and the cumulation has no
     * room for it; null otherwise, and then the caller merges as usual. Takes over both buffers when it returns one.
     */
    public static ByteBuf grownTowards(ByteBufAllocator alloc, LargeMessageBuffers large, ByteBuf cumulation,
                                       ByteBuf in, int whole) {
        int received = cumulation.readableBytes();
        int arriving = received + in.readableBytes();
        if (!in.isReadable() || arriving >= whole || cumulation.capacity() - cumulation.readerIndex() >= arriving) {
            return null;
        }
        int size = (int) Math.min(whole, GROWTH * (long) arriving);
        ByteBuf recycled = size > LargeMessageBuffers.POOLED_BY_NETTY && whole <= large.capacity() ? large.take(alloc)
                : null;
        ByteBuf grown = recycled != null ? recycled : alloc.buffer(size);
        try {
            grown.writeBytes(cumulation, cumulation.readerIndex(), received).writeBytes(in);
        } catch (RuntimeException | Error e) {
            grown.release();
            in.release();
            throw e;
        }
        cumulation.release();
        in.release();
        return grown;
    }
}
