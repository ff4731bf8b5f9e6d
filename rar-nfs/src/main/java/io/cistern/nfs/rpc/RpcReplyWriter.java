package io.cistern.nfs.rpc;

import io.cistern.nfs.xdr.XdrEncoder;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Encodes replies into pooled buffers and writes them; safe to call from any thread. */
final class RpcReplyWriter {

    void write(RpcPeer peer, RpcReply reply) {
        ByteBuf buf = peer.channel().alloc().ioBuffer(64);
        reply.encode(new XdrWriter(buf));
        peer.send(buf);
    }

    <R> void writeSuccess(RpcPeer peer, int xid, XdrEncoder<R> encoder, R results) {
        writeSuccess(peer, xid, encoder, results, false);
    }

    /** As {@link #writeSuccess(RpcPeer, int, XdrEncoder, Object)}; returns a copy of the reply when asked. */
    <R> byte[] writeSuccess(RpcPeer peer, int xid, XdrEncoder<R> encoder, R results, boolean keepCopy) {
        XdrWriter out = XdrWriter.pieced(peer.channel().alloc().ioBuffer(256));
        try {
            RpcReply.accepted(xid, RpcReply.AcceptStat.SUCCESS).encode(out);
            encoder.encode(results, out);
        } catch (RuntimeException e) {
            out.discard();
            throw e;
        }
        ByteBuf reply = out.finish();
        byte[] copy = keepCopy ? ByteBufUtil.getBytes(reply) : null;
        peer.send(reply);
        return copy;
    }

    /** Sends a reply kept from before (a retransmitted call's). */
    void writeStored(RpcPeer peer, byte[] reply) {
        peer.send(Unpooled.wrappedBuffer(reply));
    }
}
