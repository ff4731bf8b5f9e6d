package io.cistern.nfs.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Frames each outgoing reply as one last fragment (RFC 5531 section 11). The header goes in front as a
 * small buffer of its own so the reply body is never copied.
 */
@Sharable
public final class RecordMarkingEncoder extends MessageToMessageEncoder<ByteBuf> {
    private static final int LAST_FRAGMENT = 0x8000_0000;

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf reply, List<Object> out) {
        out.add(ctx.alloc().buffer(4).writeInt(LAST_FRAGMENT | reply.readableBytes()));
        out.add(reply.retain());
    }
}
