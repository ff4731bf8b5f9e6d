package io.cistern.smb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Puts the Direct TCP header ([MS-SMB2] 2.1) in front of each outgoing message: a zero byte and the
 * 24-bit big-endian length. The header is a small buffer of its own so the message is never copied.
 */
@Sharable
public final class DirectTcpFrameEncoder extends MessageToMessageEncoder<ByteBuf> {
    private static final int MAX_LENGTH = 0x00FF_FFFF;

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf message, List<Object> out) {
        int length = message.readableBytes();
        if (length > MAX_LENGTH) {
            throw new EncoderException("an SMB message of " + length + " bytes does not fit a Direct TCP frame");
        }
        out.add(ctx.alloc().buffer(DirectTcpFrameDecoder.HEADER_BYTES).writeInt(length));
        out.add(message.retain());
    }
}
