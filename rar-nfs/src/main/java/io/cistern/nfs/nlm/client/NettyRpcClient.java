package io.cistern.nfs.nlm.client;

import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.OversizedRecord;
import io.cistern.nfs.rpc.RecordMarkingDecoder;
import io.cistern.nfs.rpc.RecordMarkingEncoder;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link RpcClient} on the adapter's own event loops, so that callbacks need no thread of their own: one short-lived
 * channel per call, closed when its reply, failure or timeout comes. Callbacks are rare (a blocked lock granted, an
 * _RES) and go to many different clients, so pooling connections would buy little and keep sockets open to hosts
 * that may be gone. Calls carry AUTH_NONE: lock managers accept it for callbacks, and the adapter has no identity
 * worth claiming in an AUTH_SYS credential.
 */
public final class NettyRpcClient implements RpcClient {
    /** Far above any NLM or portmapper reply; anything larger is not an answer to these calls. */
    private static final int MAX_REPLY_BYTES = 64 * 1024;
    private static final RecordMarkingEncoder RECORD_MARKING = new RecordMarkingEncoder();

    private final EventLoopGroup group;
    private final Class<? extends Channel> socketType;
    private final Class<? extends Channel> datagramType;
    private final InetAddress localAddress;
    private final AtomicInteger xids = new AtomicInteger(ThreadLocalRandom.current().nextInt());

    /**
     * @param localAddress where calls leave from, null for the kernel's choice. A client's lock manager matches a
     *                     GRANTED to its waiting request by the server's address, so a server bound to one address
     *                     of a multi-homed host should call from that address.
     */
    public NettyRpcClient(EventLoopGroup group, Class<? extends Channel> socketType,
                          Class<? extends Channel> datagramType, InetAddress localAddress) {
        this.group = group;
        this.socketType = socketType;
        this.datagramType = datagramType;
        this.localAddress = localAddress;
    }

    @Override
    public CompletableFuture<byte[]> call(RpcEndpoint server, int program, int version, int procedure, byte[] arguments,
                                          long timeoutMillis) {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        int xid = xids.incrementAndGet();
        boolean tcp = server.transport() == RpcTransport.TCP;
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(tcp ? socketType : datagramType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tcp) {
                            ch.pipeline().addLast(new RecordMarkingDecoder(MAX_REPLY_BYTES), RECORD_MARKING);
                        }
                        ch.pipeline().addLast(new ReplyHandler(xid, reply));
                    }
                });
        if (localAddress != null) {
            bootstrap.localAddress(localAddress, 0);
        }
        try {
            start(bootstrap, server, xid, program, version, procedure, arguments, timeoutMillis, reply);
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);   // the event loops are shutting down: a failed call, not a thrown one
        }
        return reply;
    }

    private void start(Bootstrap bootstrap, RpcEndpoint server, int xid, int program, int version, int procedure,
                       byte[] arguments, long timeoutMillis, CompletableFuture<byte[]> reply) {
        ScheduledFuture<?> timer = group.schedule(() -> reply.completeExceptionally(new TimeoutException(
                "no reply from " + server + " within " + timeoutMillis + " ms")), timeoutMillis, TimeUnit.MILLISECONDS);
        ChannelFuture connected = bootstrap.connect(server.address());
        reply.whenComplete((results, failure) -> {
            timer.cancel(false);
            connected.channel().close();
        });
        connected.addListener(done -> {
            if (!done.isSuccess()) {
                reply.completeExceptionally(done.cause());
                return;
            }
            Channel channel = connected.channel();
            channel.writeAndFlush(encodeCall(channel, xid, program, version, procedure, arguments)).addListener(sent -> {
                if (!sent.isSuccess()) {
                    reply.completeExceptionally(sent.cause());
                }
            });
        });
    }

    private static ByteBuf encodeCall(Channel channel, int xid, int program, int version, int procedure, byte[] arguments) {
        ByteBuf buf = channel.alloc().ioBuffer(64 + arguments.length);
        new RpcCallHeader(xid, RpcCallHeader.RPC_VERSION, program, version, procedure, OpaqueAuth.NONE, OpaqueAuth.NONE)
                .encode(new XdrWriter(buf));
        return buf.writeBytes(arguments);
    }

    /** Completes the call with the first reply that carries its xid; a connection that ends before fails it. */
    private static final class ReplyHandler extends ChannelInboundHandlerAdapter {
        private final int xid;
        private final CompletableFuture<byte[]> reply;

        ReplyHandler(int xid, CompletableFuture<byte[]> reply) {
            this.xid = xid;
            this.reply = reply;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof OversizedRecord oversized) {
                    reply.completeExceptionally(new IOException("reply of " + oversized.length() + " bytes"));
                } else if (msg instanceof DatagramPacket datagram) {
                    read(datagram.content());
                } else if (msg instanceof ByteBuf record) {
                    read(record);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void read(ByteBuf message) {
            try {
                RpcReply header = RpcReply.decode(new XdrReader(message));
                if (header.xid() != xid) {
                    return;   // a late reply to someone else's call on a reused port: not ours
                }
                if (header.accepted() && header.acceptStat() == RpcReply.AcceptStat.SUCCESS) {
                    reply.complete(ByteBufUtil.getBytes(message));
                } else {
                    reply.completeExceptionally(new RpcCallFailed(header));
                }
            } catch (XdrException e) {
                reply.completeExceptionally(e);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            reply.completeExceptionally(new ClosedChannelException());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reply.completeExceptionally(cause);
            ctx.close();
        }
    }
}
