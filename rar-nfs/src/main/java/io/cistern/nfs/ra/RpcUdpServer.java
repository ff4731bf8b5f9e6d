package io.cistern.nfs.ra;

import io.cistern.nfs.rpc.ReplyCache;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcCallHandler;
import io.cistern.nfs.rpc.RpcProgram;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import jakarta.resource.ResourceException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bound UDP socket serving RPC: each datagram is one call, answered to its sender by the same
 * {@link RpcCallHandler} as on TCP. No SO_REUSEADDR: on Linux it would let a second UDP socket share the port
 * with one that also set it (rpcbind does), splitting the calls between them instead of failing to bind.
 */
final class RpcUdpServer {
    /**
     * Enough for any call to a small program: an RPC header with two 400-byte auth bodies is under 900, and NLM's
     * largest call, a LOCK with cookie, name and both handles at their 1024-byte limits, adds about 4200.
     */
    static final int MAX_DATAGRAM_BYTES = 8192;
    private static final int MAX_CALLS_IN_FLIGHT = 128;

    private final Channel channel;

    private RpcUdpServer(Channel channel) {
        this.channel = channel;
    }

    static RpcUdpServer bind(String name, EventLoopGroup group, Class<? extends DatagramChannel> channelType,
                             String bindAddress, int port, Map<Integer, RpcProgram> programs, RequestExecutor executor,
                             long timeoutMillis) throws ResourceException {
        return bind(name, group, channelType, bindAddress, port, programs, executor, null, timeoutMillis);
    }

    /**
     * With a {@code replyCache} (may be null) for programs with non-idempotent procedures: over UDP a lost reply is
     * the usual reason for a retransmission, so NLM's LOCK and UNLOCK need it more here than on TCP.
     */
    static RpcUdpServer bind(String name, EventLoopGroup group, Class<? extends DatagramChannel> channelType,
                             String bindAddress, int port, Map<Integer, RpcProgram> programs, RequestExecutor executor,
                             ReplyCache replyCache, long timeoutMillis) throws ResourceException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new RpcCallHandler(programs, executor, MAX_CALLS_IN_FLIGHT, replyCache));
                    }
                });
        Channel bound = NfsTcpServer.awaitBound(bootstrap.bind(bindAddress, port), name + " UDP socket", bindAddress,
                port, timeoutMillis);
        return new RpcUdpServer(bound);
    }

    int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
