package io.cistern.nfs.rpc;

import io.cistern.nfs.xdr.XdrEncoder;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/** Encodes replies into pooled buffers and writes them; safe to call from any thread. */
final class RpcReplyWriter {

    void write(Channel channel, RpcReply reply) {
        ByteBuf buf = channel.alloc().ioBuffer(64);
        reply.encode(new XdrWriter(buf));
        channel.writeAndFlush(buf, channel.voidPromise());
    }

    <R> void writeSuccess(Channel channel, int xid, XdrEncoder<R> encoder, R results) {
        ByteBuf buf = channel.alloc().ioBuffer(256);
        try {
            XdrWriter out = new XdrWriter(buf);
            RpcReply.accepted(xid, RpcReply.AcceptStat.SUCCESS).encode(out);
            encoder.encode(results, out);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        channel.writeAndFlush(buf, channel.voidPromise());
    }
}
