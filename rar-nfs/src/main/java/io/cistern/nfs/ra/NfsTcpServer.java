package io.cistern.nfs.ra;

import io.cistern.nfs.rpc.RecordMarkingDecoder;
import io.cistern.nfs.rpc.RecordMarkingEncoder;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcCallHandler;
import io.cistern.nfs.rpc.RpcProgram;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import jakarta.resource.ResourceException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The bound TCP listener of the NFS adapter and its connections. */
final class NfsTcpServer {
    /** A WRITE of 1 MiB (wtmax) plus its RPC and NFS headers fits; anything larger is refused. */
    static final int MAX_RECORD_BYTES = (1 << 20) + 64 * 1024;
    private static final int MAX_CALLS_IN_FLIGHT_PER_CONNECTION = 128;

    private final Channel serverChannel;
    private final ChannelGroup connections;

    private NfsTcpServer(Channel serverChannel, ChannelGroup connections) {
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    static NfsTcpServer bind(EventLoopGroup group, Class<? extends ServerChannel> channelType, String bindAddress, int port,
                             Map<Integer, RpcProgram> programs, RequestExecutor executor, long timeoutMillis)
            throws ResourceException {
        ChannelGroup connections = new DefaultChannelGroup("nfs-connections", GlobalEventExecutor.INSTANCE);
        RecordMarkingEncoder encoder = new RecordMarkingEncoder();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new RecordMarkingDecoder(MAX_RECORD_BYTES), encoder,
                                new RpcCallHandler(programs, executor, MAX_CALLS_IN_FLIGHT_PER_CONNECTION));
                    }
                });
        ChannelFuture bound = bootstrap.bind(bindAddress, port);
        if (!bound.awaitUninterruptibly(timeoutMillis)) {
            throw new ResourceException("NFS listener on " + bindAddress + ":" + port + " did not bind within "
                    + timeoutMillis + " ms (event loop not running?)");
        }
        if (!bound.isSuccess()) {
            throw new ResourceException("NFS listener cannot bind " + bindAddress + ":" + port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return new NfsTcpServer(bound.channel(), connections);
    }

    String address() {
        java.net.InetSocketAddress a = (java.net.InetSocketAddress) serverChannel.localAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    int connectionCount() {
        return connections.size();
    }

    /** Stops accepting, then closes every open connection. */
    void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
