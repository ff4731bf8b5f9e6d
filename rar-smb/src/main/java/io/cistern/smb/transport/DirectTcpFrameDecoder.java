package io.cistern.smb.transport;

import io.cistern.transport.LargeMessageBuffers;
import io.cistern.transport.MessageCumulation;
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

    /** A decoder with large-message buffers of its own, for a connection alone (tests). */
    public DirectTcpFrameDecoder(int maxMessageBytes) {
        this(maxMessageBytes, new LargeMessageBuffers(HEADER_BYTES + maxMessageBytes, 2));
    }

    /** @param large shared by the listener's connections; each as large as a message of {@code maxMessageBytes} */
    public DirectTcpFrameDecoder(int maxMessageBytes, LargeMessageBuffers large) {
        large.requireRoomFor(HEADER_BYTES + maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
        this.large = large;
        setCumulator(this::cumulate);
    }

    /** Netty's merging cumulator, except that a message still arriving grows towards its announced length. */
    private ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (cumulation.readableBytes() >= HEADER_BYTES) {
            int header = cumulation.getInt(cumulation.readerIndex());
            int length = header & 0x00FF_FFFF;
            if ((header >>> 24) == 0 && length <= maxMessageBytes) {
                ByteBuf grown = MessageCumulation.grownTowards(alloc, large, cumulation, in, HEADER_BYTES + length);
                if (grown != null) {
                    return grown;
                }
            }
        }
        return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
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
