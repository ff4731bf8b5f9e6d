package io.cistern.nfs.ra;

import io.cistern.nfs.rpc.RecordMarkingDecoder;
import io.cistern.nfs.rpc.RecordMarkingEncoder;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.ReplyCache;
import io.cistern.nfs.rpc.RpcCallHandler;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.transport.LargeMessageBuffers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import jakarta.resource.ResourceException;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsClientConnection;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/** A bound TCP listener of the NFS adapter (NFS, MOUNT, NLM and NSM, or the portmapper) and its connections. */
final class NfsTcpServer {
    /**
     * Replies of non-idempotent calls kept for retransmissions: Linux retransmits after 60 s at most (timeo=600), so
     * two minutes cover a retry; 4096 entries cover that many creates and removes in flight across clients.
     */
    static final int REPLY_CACHE_ENTRIES = 4096;
    static final java.time.Duration REPLY_CACHE_AGE = java.time.Duration.ofMinutes(2);

    /** A WRITE of 1 MiB (wtmax) plus its RPC and NFS headers fits; anything larger is refused. */
    static final int MAX_RECORD_BYTES = (1 << 20) + 64 * 1024;
    private static final int MAX_CALLS_IN_FLIGHT_PER_CONNECTION = 128;
    /**
     * Receive buffers of a whole record kept for the listener's large WRITEs (see {@link LargeMessageBuffers}): one
     * per WRITE a client has between arriving and written, as many as a few clients streaming at once have.
     */
    static final int LARGE_RECORD_BUFFERS = 16;
    /**
     * Replies queued for one connection beyond what its socket takes, before the connection stops being read (and
     * below which it is read again): a few 1 MiB READ replies, so a client that keeps several READs in flight is
     * never paused while it reads, and one that stops reading holds at most this plus its calls in flight.
     */
    static final WriteBufferWaterMark QUEUED_REPLY_BYTES = new WriteBufferWaterMark(4 << 20, 8 << 20);

    private final Channel serverChannel;
    private final ChannelGroup connections;

    private NfsTcpServer(Channel serverChannel, ChannelGroup connections) {
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    /** Binds the NFS listener. */
    static NfsTcpServer bind(EventLoopGroup group, Class<? extends ServerChannel> channelType, String bindAddress, int port,
                             Map<Integer, RpcProgram> programs, RequestExecutor executor, long timeoutMillis)
            throws ResourceException {
        return bind("NFS", group, channelType, bindAddress, port, programs, executor, timeoutMillis);
    }

    /** Binds a listener that failure messages call {@code name}. */
    static NfsTcpServer bind(String name, EventLoopGroup group, Class<? extends ServerChannel> channelType,
                             String bindAddress, int port, Map<Integer, RpcProgram> programs, RequestExecutor executor,
                             long timeoutMillis) throws ResourceException {
        ChannelGroup connections = new DefaultChannelGroup(name + "-connections", GlobalEventExecutor.INSTANCE);
        // shared by every connection: a retransmission after a reconnect comes on a new one
        ReplyCache replyCache = new ReplyCache(REPLY_CACHE_ENTRIES, REPLY_CACHE_AGE.toNanos());
        RecordMarkingEncoder encoder = new RecordMarkingEncoder();
        LargeMessageBuffers largeRecords = new LargeMessageBuffers(MAX_RECORD_BYTES, LARGE_RECORD_BUFFERS);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, QUEUED_REPLY_BYTES)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new RecordMarkingDecoder(MAX_RECORD_BYTES, largeRecords), encoder,
                                new RpcCallHandler(programs, executor, MAX_CALLS_IN_FLIGHT_PER_CONNECTION,
                                        replyCache));
                    }
                });
        ChannelFuture bound = bootstrap.bind(bindAddress, port);
        return new NfsTcpServer(awaitBound(bound, name + " listener", bindAddress, port, timeoutMillis), connections);
    }

    /** The bound channel, or a failure that names the listener, its address and, for a low port, the likely cause. */
    static Channel awaitBound(ChannelFuture bound, String what, String bindAddress, int port, long timeoutMillis)
            throws ResourceException {
        if (!bound.awaitUninterruptibly(timeoutMillis)) {
            bound.channel().close();   // should the bind still complete, it must not stay open unowned
            throw new ResourceException(what + " on " + bindAddress + ":" + port + " did not bind within "
                    + timeoutMillis + " ms (event loop not running?)");
        }
        if (!bound.isSuccess()) {
            String message = String.valueOf(bound.cause().getMessage());
            String hint = port > 0 && port < 1024 && message.toLowerCase(java.util.Locale.ROOT).contains("permission")
                    ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : "";
            throw new ResourceException(what + " cannot bind " + bindAddress + ":" + port + ": " + message + hint,
                    bound.cause());
        }
        return bound.channel();
    }

    String address() {
        java.net.InetSocketAddress a = (java.net.InetSocketAddress) serverChannel.localAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    int port() {
        return ((java.net.InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    int connectionCount() {
        return connections.size();
    }

    /**
     * The open connections with the identity their last AUTH_SYS call claimed and what their address mounted
     * ({@code exportsOf}, by address as text), at most {@link NfsAdapterEvent#MAX_CLIENTS}, oldest first.
     */
    List<NfsClientConnection> clients(Function<String, List<String>> exportsOf) {
        List<NfsClientConnection> clients = new ArrayList<>();
        for (Channel channel : connections) {
            RpcCallHandler handler = channel.pipeline().get(RpcCallHandler.class);
            if (handler == null || !(channel.remoteAddress() instanceof InetSocketAddress remote)
                    || clients.size() >= NfsAdapterEvent.MAX_CLIENTS) {
                continue;
            }
            NfsCaller caller = handler.lastAuthenticated();
            String host = remote.getAddress().getHostAddress();
            clients.add(new NfsClientConnection(host, remote.getPort(), handler.since(),
                    caller == null ? null : caller.uid(), caller == null ? null : caller.machineName(),
                    exportsOf.apply(host)));
        }
        // a stable order, so that an unchanged list is seen as unchanged
        clients.sort(Comparator.comparing(NfsClientConnection::since).thenComparing(NfsClientConnection::remoteAddress)
                .thenComparingInt(NfsClientConnection::remotePort));
        return clients;
    }

    /** Stops accepting, then closes every open connection. */
    void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
