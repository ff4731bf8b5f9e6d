package io.cistern.nfs.rpc;

import io.cistern.nfs.xdr.XdrEncoder;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;

/** Encodes replies into pooled buffers and writes them; safe to call from any thread. */
final class RpcReplyWriter {

    void write(RpcPeer peer, RpcReply reply) {
        ByteBuf buf = peer.channel().alloc().ioBuffer(64);
        reply.encode(new XdrWriter(buf));
        peer.send(buf);
    }

    <R> void writeSuccess(RpcPeer peer, int xid, XdrEncoder<R> encoder, R results) {
        ByteBuf buf = peer.channel().alloc().ioBuffer(256);
        try {
            XdrWriter out = new XdrWriter(buf);
            RpcReply.accepted(xid, RpcReply.AcceptStat.SUCCESS).encode(out);
            encoder.encode(results, out);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        peer.send(buf);
    }
}
