package io.cistern.nfs.rpc;

import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.rpc.RpcReply.AuthStat;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns each RPC record of one connection into a call: checks the header, the credential, the program,
 * version and procedure, decodes the arguments on the I/O thread, and hands the procedure to a request
 * worker. Every call gets a reply, an error one where RFC 5531 defines it. Calls run concurrently and
 * their replies leave in any order; a connection with too many calls outstanding stops being read
 * until its replies drain.
 * <p>
 * On a datagram socket each {@link DatagramPacket} is one call (no record marking), answered to its sender;
 * the socket serves every client, so a bad datagram never closes it.
 */
public final class RpcCallHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = Logger.getLogger(RpcCallHandler.class.getName());

    private final Map<Integer, RpcProgram> programs;
    private final RequestExecutor executor;
    private final int maxCallsInFlight;
    private final RpcReplyWriter replies;
    private int callsInFlight;

    public RpcCallHandler(Map<Integer, RpcProgram> programs, RequestExecutor executor, int maxCallsInFlight) {
        this.programs = programs;
        this.executor = executor;
        this.maxCallsInFlight = maxCallsInFlight;
        this.replies = new RpcReplyWriter();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof OversizedRecord oversized) {
            answerOversized(ctx.channel(), oversized);
            return;
        }
        if (msg instanceof DatagramPacket datagram) {
            try {
                readCall(new RpcPeer(ctx.channel(), datagram.sender()), datagram.content());
            } finally {
                datagram.release();
            }
            return;
        }
        ByteBuf record = (ByteBuf) msg;
        try {
            readCall(RpcPeer.connection(ctx.channel()), record);
        } finally {
            record.release();
        }
    }

    private void readCall(RpcPeer peer, ByteBuf record) {
        XdrReader in = new XdrReader(record);
        RpcCallHeader call;
        try {
            int xid = in.readInt();
            if (in.readInt() != RpcCallHeader.MSG_CALL) {
                return;   // a stray reply: nothing to answer
            }
            try {
                call = RpcCallHeader.decodeBody(xid, in);
            } catch (XdrException e) {
                replies.write(peer, RpcReply.accepted(xid, AcceptStat.GARBAGE_ARGS));
                return;
            }
        } catch (XdrException e) {
            LOG.fine(() -> "dropped a record too short for an RPC header from " + peer.client());
            return;
        }
        dispatch(peer, call, in);
    }

    private void dispatch(RpcPeer peer, RpcCallHeader call, XdrReader in) {
        int xid = call.xid();
        if (call.rpcVersion() != RpcCallHeader.RPC_VERSION) {
            replies.write(peer, RpcReply.rpcMismatch(xid, RpcCallHeader.RPC_VERSION, RpcCallHeader.RPC_VERSION));
            return;
        }
        NfsCaller caller;
        try {
            caller = CallerCredentials.caller(call.credential(), peer.client());
        } catch (XdrException e) {
            replies.write(peer, RpcReply.authError(xid, AuthStat.AUTH_BADCRED));
            return;
        }
        RpcProgram program = programs.get(call.program());
        if (program == null) {
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.PROG_UNAVAIL));
        } else if (!program.servesVersion(call.version())) {
            replies.write(peer, RpcReply.progMismatch(xid, program.lowVersion(), program.highVersion()));
        } else if (program.procedure(call.procedure()) == null) {
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.PROC_UNAVAIL));
        } else {
            decodeAndRun(peer, xid, caller, program.procedure(call.procedure()), in);
        }
    }

    private <A, R> void decodeAndRun(RpcPeer peer, int xid, NfsCaller caller, RpcProcedure<A, R> procedure, XdrReader in) {
        A arguments;
        try {
            arguments = procedure.arguments().decode(in);
        } catch (XdrException e) {
            LOG.fine(() -> procedure.name() + " from " + caller.client() + ": garbage arguments: " + e.getMessage());
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.GARBAGE_ARGS));
            return;
        }
        Channel channel = peer.channel();
        callStarted(channel);
        boolean queued = executor.submit(listener -> run(peer, xid, caller, procedure, arguments, listener));
        if (!queued) {
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.SYSTEM_ERR));
            callFinished(channel);
        }
    }

    private <A, R> void run(RpcPeer peer, int xid, NfsCaller caller, RpcProcedure<A, R> procedure, A arguments,
                            NfsListener listener) {
        Channel channel = peer.channel();
        try {
            R results = procedure.handler().handle(caller, arguments, listener);
            replies.writeSuccess(peer, xid, procedure.results(), results);
        } catch (RuntimeException e) {
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.SYSTEM_ERR));
            throw new IllegalStateException(procedure.name() + " from " + caller.client() + " failed", e);
        } finally {
            channel.eventLoop().execute(() -> callFinished(channel));
        }
    }

    private void callStarted(Channel channel) {
        if (++callsInFlight >= maxCallsInFlight) {
            channel.config().setAutoRead(false);
        }
    }

    private void callFinished(Channel channel) {
        if (--callsInFlight < maxCallsInFlight / 2 && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    private void answerOversized(Channel channel, OversizedRecord oversized) {
        ByteBuf prefix = Unpooled.wrappedBuffer(oversized.prefix());
        LOG.fine(() -> "skipped an RPC record of " + oversized.length() + " bytes from " + channel.remoteAddress());
        if (prefix.readableBytes() >= 8 && prefix.getInt(4) == RpcCallHeader.MSG_CALL) {
            replies.write(RpcPeer.connection(channel), RpcReply.accepted(prefix.getInt(0), AcceptStat.GARBAGE_ARGS));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel() instanceof DatagramChannel) {
            LOG.log(Level.FINE, "RPC datagram on " + ctx.channel().localAddress() + " failed", cause);
            return;
        }
        LOG.log(Level.FINE, "closing NFS connection from " + ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
