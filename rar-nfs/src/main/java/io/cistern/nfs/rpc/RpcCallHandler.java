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
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns each RPC record of one connection into a call: checks the header, the credential, the program,
 * version and procedure, decodes the arguments on the I/O thread, and hands the procedure to a request
 * worker. Every call gets a reply, an error one where RFC 5531 defines it. Calls run concurrently and
 * their replies leave in any order. A connection stops being read while it has too many calls outstanding,
 * and while its replies wait to be sent (the channel is not writable: more than its high water mark of
 * replies queued because the client does not read them). Without the second rule a client that sends READs
 * and never reads the answers would have the server queue a megabyte per call for it without end.
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
    private final ReplyCache replyCache;
    private int callsInFlight;
    /** Reading paused because {@link #maxCallsInFlight} calls are outstanding; event loop only. */
    private boolean pausedForCalls;
    /** Reading paused because the replies already written wait for the client to read them; event loop only. */
    private boolean pausedForReplies;
    /** Calls read while paused, in order, run once reading resumes; event loop only. */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    /** When the handler was made: for a connection, when it was accepted. */
    private final Instant since = Instant.now();
    /** The AUTH_SYS caller of the last call that carried one, for the list of connected clients; null before. */
    private volatile NfsCaller lastAuthenticated;

    public RpcCallHandler(Map<Integer, RpcProgram> programs, RequestExecutor executor, int maxCallsInFlight) {
        this(programs, executor, maxCallsInFlight, null);
    }

    /** With {@code replyCache} (shared by every connection; may be null), retransmissions are answered from it. */
    public RpcCallHandler(Map<Integer, RpcProgram> programs, RequestExecutor executor, int maxCallsInFlight,
                          ReplyCache replyCache) {
        this.programs = programs;
        this.executor = executor;
        this.maxCallsInFlight = maxCallsInFlight;
        this.replies = new RpcReplyWriter();
        this.replyCache = replyCache;
    }

    /** When the handler was made: for a connection, when it was accepted. */
    public Instant since() {
        return since;
    }

    /** The AUTH_SYS caller of the last call that carried one (any thread); null before such a call. */
    public NfsCaller lastAuthenticated() {
        return lastAuthenticated;
    }

    private static boolean sameIdentity(NfsCaller caller, NfsCaller last) {
        return last != null && last.uid() == caller.uid() && last.machineName().equals(caller.machineName());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (pausedForCalls || pausedForReplies) {
            // records the decoder had already taken from the socket: one read can hold hundreds of small calls
            waiting.add(msg);
            return;
        }
        dispatch(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Object left;
        while ((left = waiting.poll()) != null) {
            ReferenceCountUtil.release(left);
        }
        ctx.fireChannelInactive();
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
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
        if (caller.authenticated() && !sameIdentity(caller, lastAuthenticated)) {
            lastAuthenticated = caller;   // written on a change only: most connections keep one identity
        }
        RpcProgram program = programs.get(call.program());
        if (program == null) {
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.PROG_UNAVAIL));
        } else if (!program.servesVersion(call.version())) {
            replies.write(peer, RpcReply.progMismatch(xid, program.lowVersion(), program.highVersion()));
        } else if (program.procedure(call.procedure()) == null) {
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.PROC_UNAVAIL));
        } else {
            RpcProcedure<?, ?> procedure = program.procedure(call.procedure());
            ReplyCache.Key key = null;
            if (procedure.replayReplies() && replyCache != null) {
                key = new ReplyCache.Key(peer.client().getAddress(), xid, call.program(), call.version(),
                        call.procedure(), in.checksumOfRest());
                if (!isNew(peer, key)) {
                    return;
                }
            }
            decodeAndRun(peer, xid, caller, procedure, in, key);
        }
    }

    /** False when the call is a retransmission: answered from the cache, or dropped while the first one runs. */
    private boolean isNew(RpcPeer peer, ReplyCache.Key key) {
        ReplyCache.Lookup seen = replyCache.begin(key);
        if (seen instanceof ReplyCache.Replay replay) {
            LOG.fine(() -> "answered retransmission " + key + " from the reply cache");
            replies.writeStored(peer, replay.reply());
            return false;
        }
        return seen instanceof ReplyCache.Run;
    }

    private <A, R> void decodeAndRun(RpcPeer peer, int xid, NfsCaller caller, RpcProcedure<A, R> procedure, XdrReader in,
                                     ReplyCache.Key key) {
        A arguments;
        try {
            arguments = procedure.arguments().decode(in);
        } catch (XdrException e) {
            LOG.fine(() -> procedure.name() + " from " + caller.client() + ": garbage arguments: " + e.getMessage());
            forget(key);
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.GARBAGE_ARGS));
            return;
        }
        if (key == null && answeredFromMemory(peer, xid, caller, procedure, arguments)) {
            release(arguments);
            return;
        }
        Channel channel = peer.channel();
        callStarted(channel);
        boolean queued = executor.submit(listener -> run(peer, xid, caller, procedure, arguments, listener, key));
        if (!queued) {
            release(arguments);
            forget(key);
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.SYSTEM_ERR));
            // later, not in the middle of this dispatch: finishing may resume the calls that wait
            channel.eventLoop().execute(() -> callFinished(channel.pipeline().context(this)));
        }
    }

    /** On the I/O thread: a call the application answers from memory is answered here, without a worker. */
    private <A, R> boolean answeredFromMemory(RpcPeer peer, int xid, NfsCaller caller, RpcProcedure<A, R> procedure,
                                              A arguments) {
        R results = executor.runOnIoThread(listener -> procedure.handler().handleInMemory(caller, arguments, listener));
        if (results == null) {
            return false;
        }
        try {
            replies.writeSuccess(peer, xid, procedure.results(), results);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, procedure.name() + " from " + caller.client() + ": the reply could not be encoded", e);
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.SYSTEM_ERR));
        }
        return true;
    }

    private <A, R> void run(RpcPeer peer, int xid, NfsCaller caller, RpcProcedure<A, R> procedure, A arguments,
                            NfsListener listener, ReplyCache.Key key) {
        Channel channel = peer.channel();
        try {
            R results = procedure.handler().handle(caller, arguments, listener);
            byte[] sent = replies.writeSuccess(peer, xid, procedure.results(), results, key != null);
            if (key != null) {
                replyCache.complete(key, sent);
            }
        } catch (RuntimeException e) {
            forget(key);
            replies.write(peer, RpcReply.accepted(xid, AcceptStat.SYSTEM_ERR));
            throw new IllegalStateException(procedure.name() + " from " + caller.client() + " failed", e);
        } finally {
            release(arguments);
            channel.eventLoop().execute(() -> callFinished(channel.pipeline().context(this)));
        }
    }

    private static void release(Object arguments) {
        if (arguments instanceof HeldArguments held) {
            held.release();
        }
    }

    private void forget(ReplyCache.Key key) {
        if (key != null) {
            replyCache.forget(key);
        }
    }

    private void callStarted(Channel channel) {
        if (++callsInFlight >= maxCallsInFlight) {
            pausedForCalls = true;
            channel.config().setAutoRead(false);
        }
    }

    /** On the event loop; {@code ctx} is null when this handler left the pipeline (the channel closed). */
    private void callFinished(ChannelHandlerContext ctx) {
        --callsInFlight;
        if (ctx != null && pausedForCalls && callsInFlight < maxCallsInFlight / 2) {
            pausedForCalls = false;
            resumeIfUnpaused(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (!(channel instanceof DatagramChannel)) {   // one socket for every client: never paused for one of them
            pausedForReplies = !channel.isWritable();
            if (pausedForReplies) {
                channel.config().setAutoRead(false);
            } else {
                resumeIfUnpaused(ctx);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Runs the calls that waited, then reads the socket again, unless either reason to pause holds (again). */
    private void resumeIfUnpaused(ChannelHandlerContext ctx) {
        while (!pausedForCalls && !pausedForReplies && !waiting.isEmpty()) {
            dispatch(ctx, waiting.poll());
        }
        if (!pausedForCalls && !pausedForReplies && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
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
