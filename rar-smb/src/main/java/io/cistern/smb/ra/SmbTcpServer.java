package io.cistern.smb.ra;

import io.cistern.smb.server.SmbChannelInitializer;
import io.cistern.smb.server.SmbSessionStats;
import io.cistern.smb.server.SmbRequestExecutor;
import io.cistern.smb.server.SupportedDialects;
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
import java.util.concurrent.TimeUnit;

/** The bound TCP listener of the SMB adapter (Direct TCP, [MS-SMB2] 2.1) and its connections. */
final class SmbTcpServer {
    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final String address;
    private final SmbSessionStats sessionStats;

    private SmbTcpServer(Channel serverChannel, ChannelGroup connections, SmbSessionStats sessionStats) {
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.sessionStats = sessionStats;
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
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
        ChannelFuture bound = bootstrap.bind(bindAddress, port);
        if (!bound.awaitUninterruptibly(timeoutMillis)) {
            throw new ResourceException("SMB listener on " + bindAddress + ":" + port + " did not bind within "
                    + timeoutMillis + " ms (event loop not running?)");
        }
        if (!bound.isSuccess()) {
            throw new ResourceException("SMB listener cannot bind " + bindAddress + ":" + port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return new SmbTcpServer(bound.channel(), connections, initializer.sessionStats());
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

    /** Stops accepting, then closes every open connection. */
    void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
