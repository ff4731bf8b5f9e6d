package io.cistern.smb.ra;

import io.cistern.smb.server.SmbChannelInitializer;
import io.cistern.smb.server.SmbConnectionHandler;
import io.cistern.smb.server.SmbConnectionSummary;
import io.cistern.smb.server.SmbSessionStats;
import io.cistern.smb.server.SmbRequestExecutor;
import io.cistern.smb.server.SupportedDialects;
import io.cistern.smb.spi.SmbAdapterEvent;
import io.cistern.smb.spi.SmbClientConnection;
import io.cistern.smb.transport.DirectTcpFrameDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bound TCP listener of the SMB adapter (Direct TCP, [MS-SMB2] 2.1) and its connections. It can be closed and
 * opened again on the address and port of its first bind ({@link ListenerSwitch}); the connections' shared state
 * (logon counters and throttle, open files) belongs to the listener and outlives a close.
 */
final class SmbTcpServer implements ListenerSwitch.Sockets {
    private final ServerBootstrap bootstrap;
    private final ChannelGroup connections;
    private final InetSocketAddress bound;
    private final String address;
    private final SmbSessionStats sessionStats;
    private final long timeoutMillis;
    private volatile Channel serverChannel;

    private SmbTcpServer(ServerBootstrap bootstrap, Channel serverChannel, ChannelGroup connections,
                         SmbSessionStats sessionStats, long timeoutMillis) {
        this.bootstrap = bootstrap;
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.sessionStats = sessionStats;
        this.timeoutMillis = timeoutMillis;
        this.bound = (InetSocketAddress) serverChannel.localAddress();
        this.address = bound.getAddress().getHostAddress() + ":" + bound.getPort();
    }

    static SmbTcpServer bind(EventLoopGroup group, Class<? extends ServerChannel> channelType, String bindAddress, int port,
                             SmbRequestExecutor executor, long timeoutMillis) throws ResourceException {
        ChannelGroup connections = new DefaultChannelGroup("smb-connections", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true);
        SmbChannelInitializer initializer = new SmbChannelInitializer(executor, SupportedDialects.IMPLEMENTED,
                DirectTcpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES, connections);
        bootstrap.childHandler(initializer);
        Channel channel = awaitBound(bootstrap.bind(bindAddress, port), bindAddress + ":" + port, timeoutMillis);
        return new SmbTcpServer(bootstrap, channel, connections, initializer.sessionStats(), timeoutMillis);
    }

    private static Channel awaitBound(ChannelFuture bound, String where, long timeoutMillis) throws ResourceException {
        if (!bound.awaitUninterruptibly(timeoutMillis)) {
            bound.channel().close();   // should the bind still complete, it must not stay open unowned
            throw new ResourceException("SMB listener on " + where + " did not bind within " + timeoutMillis
                    + " ms (event loop not running?)");
        }
        if (!bound.isSuccess()) {
            throw new ResourceException("SMB listener cannot bind " + where + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        return bound.channel();
    }

    /** Binds again on the address and port of the first bind (the port the kernel chose, if it was 0). */
    @Override
    public void open() throws ResourceException {
        if (!serverChannel.isOpen()) {
            serverChannel = awaitBound(bootstrap.bind(bound), address, timeoutMillis);
        }
    }

    /** The bound address as host:port, also after {@link #close}. */
    String address() {
        return address;
    }

    int connectionCount() {
        return connections.size();
    }

    /** The logon counters of this listener's connections. */
    SmbSessionStats sessionStats() {
        return sessionStats;
    }

    /**
     * The open connections with who they serve, at most {@link SmbAdapterEvent#MAX_CLIENTS}. Sessions and trees are
     * read as each connection last copied them: every call also asks each connection's event loop for a fresh copy,
     * which the next call sees, so that nothing here waits for an event loop.
     */
    List<SmbClientConnection> clients() {
        List<SmbClientConnection> clients = new ArrayList<>();
        for (Channel channel : connections) {
            SmbConnectionHandler handler = channel.pipeline().get(SmbConnectionHandler.class);
            if (handler == null || !(channel.remoteAddress() instanceof InetSocketAddress remote)) {
                continue;
            }
            channel.eventLoop().execute(handler::refreshSummary);
            if (clients.size() < SmbAdapterEvent.MAX_CLIENTS) {
                SmbConnectionSummary summary = handler.summary();
                clients.add(new SmbClientConnection(remote.getAddress().getHostAddress(), remote.getPort(),
                        handler.since(), summary.sessions(), summary.users(), summary.shares()));
            }
        }
        // a stable order, so that an unchanged list is seen as unchanged
        clients.sort(Comparator.comparing(SmbClientConnection::since).thenComparing(SmbClientConnection::remoteAddress)
                .thenComparingInt(SmbClientConnection::remotePort));
        return clients;
    }

    /** Stops accepting, then closes every open connection. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
