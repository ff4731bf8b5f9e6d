package io.cistern.smb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.logging.Logger;

/**
 * Cuts the byte stream into SMB messages: Direct TCP transport, [MS-SMB2] 2.1. Every message is preceded
 * by a zero byte and a 24-bit big-endian length (StreamProtocolLength). The spec defines nothing else on
 * this transport (no keep-alive, no other first byte), so a non-zero first byte or a length over the cap
 * closes the connection: there is no way to find the next message again.
 *
 * <p>Each message is passed on as a retained slice of the received bytes, no copy; whoever reads it releases it.
 */
public final class DirectTcpFrameDecoder extends ByteToMessageDecoder {
    /** The largest message a server accepts: an 8 MiB WRITE (large MTU) plus its headers. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024 + 64 * 1024;
    public static final int HEADER_BYTES = 4;
    private static final Logger LOG = Logger.getLogger(DirectTcpFrameDecoder.class.getName());

    private final int maxMessageBytes;
    private final LargeMessageBuffers large;
    private boolean broken;

    /** The memory held for a message still arriving: what a test may check against what it sent. */
    int heldCapacity() {
        return internalBuffer().capacity();
    }

    /** How much larger a growing message's buffer gets than what arrived of it (see {@link #cumulate}). */
    static final int GROWTH = 4;

    /** A decoder with large-message buffers of its own, for a connection alone (tests). */
    public DirectTcpFrameDecoder(int maxMessageBytes) {
        this(maxMessageBytes, new LargeMessageBuffers(HEADER_BYTES + maxMessageBytes, 2));
    }

    /** @param large shared by the listener's connections; each as large as a message of {@code maxMessageBytes} */
    public DirectTcpFrameDecoder(int maxMessageBytes, LargeMessageBuffers large) {
        if (large.capacity() < HEADER_BYTES + maxMessageBytes) {
            throw new IllegalArgumentException("large-message buffers of " + large.capacity() + " bytes cannot hold "
                    + maxMessageBytes + "-byte messages");
        }
        this.maxMessageBytes = maxMessageBytes;
        this.large = large;
        setCumulator(this::cumulate);
    }

    /**
     * Netty's merging cumulator, except that the buffer of a message still arriving, when it must grow, grows
     * fourfold towards the message's whole length, which its header announces: merging alone doubles it again and
     * again as the bytes come in (64 KiB reads for an 8 MiB WRITE), copying what came so far each time. Not straight
     * to the whole length: a client that sends a header announcing 8 MiB and then nothing would make the server
     * hold 8 MiB per connection for a few bytes; this way what is held is at most four times what arrived. A buffer
     * larger than Netty pools is one of the listener's {@link LargeMessageBuffers} instead, while there are any: a
     * whole message's size at once, but there are only a few of them for all connections together.
     */
    private ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        int received = cumulation.readableBytes();
        if (received >= HEADER_BYTES && in.isReadable()) {
            int header = cumulation.getInt(cumulation.readerIndex());
            int whole = HEADER_BYTES + (header & 0x00FF_FFFF);
            int arriving = received + in.readableBytes();
            if ((header >>> 24) == 0 && whole <= HEADER_BYTES + maxMessageBytes && arriving < whole
                    && cumulation.capacity() - cumulation.readerIndex() < arriving) {
                ByteBuf grown = grownBuffer(alloc, (int) Math.min(whole, GROWTH * (long) arriving));
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
        return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
    }

    private ByteBuf grownBuffer(ByteBufAllocator alloc, int size) {
        ByteBuf recycled = size > LargeMessageBuffers.POOLED_BY_NETTY ? large.take(alloc) : null;
        return recycled != null ? recycled : alloc.buffer(size);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!broken && in.readableBytes() >= HEADER_BYTES) {
            int header = in.getInt(in.readerIndex());
            int length = header & 0x00FF_FFFF;
            if ((header >>> 24) != 0 || length > maxMessageBytes) {
                refuse(ctx, header >>> 24, length);
                break;
            }
            if (in.readableBytes() < HEADER_BYTES + length) {
                return;
            }
            in.skipBytes(HEADER_BYTES);
            out.add(in.readRetainedSlice(length));
        }
        if (broken) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void refuse(ChannelHandlerContext ctx, int firstByte, int length) {
        broken = true;
        LOG.fine(() -> "closing SMB connection from " + ctx.channel().remoteAddress() + ": frame header byte "
                + firstByte + ", length " + length + " (at most " + maxMessageBytes + ")");
        ctx.close();
    }
}
