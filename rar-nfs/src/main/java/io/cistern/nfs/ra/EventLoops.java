package io.cistern.nfs.ra;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The adapter's Netty event loops, each one long-lived Work. Netty starts a loop's thread lazily; with a
 * full connector pool that would freeze the listener at its first busy loop, so every loop is started
 * and checked here, and a pool too small fails the deployment with a message that says so.
 */
final class EventLoops {
    private final EventLoopGroup group;
    private final boolean epoll;

    private EventLoops(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    static EventLoops start(Executor executor, int threads, String transport, long timeoutMillis, String protocol)
            throws ResourceAdapterInternalException {
        boolean epoll = switch (transport) {
            case "epoll" -> true;
            case "nio" -> false;
            case "auto" -> Epoll.isAvailable();
            default -> throw new ResourceAdapterInternalException(protocol + " adapter: Transport must be auto, epoll or nio, not "
                    + transport);
        };
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, executor, handlers);
        EventLoops loops = new EventLoops(group, epoll);
        int index = 0;
        for (EventExecutor loop : group) {
            if (!loop.submit(() -> { }).awaitUninterruptibly(timeoutMillis)) {
                loops.shutdown();
                throw new ResourceAdapterInternalException(protocol + " adapter: event loop " + index + " of " + threads
                        + " did not start within " + timeoutMillis + " ms: connector thread pool exhausted"
                        + " (size it >= IoThreads + Workers + headroom)");
            }
            index++;
        }
        return loops;
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** For the connections the adapter opens itself: NLM callbacks to clients. */
    Class<? extends SocketChannel> socketChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    Class<? extends DatagramChannel> datagramChannelType() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    String transportName() {
        return epoll ? "epoll" : "nio";
    }

    /** Closes every channel still open and ends the loops, which hands their threads back to the pool. */
    void shutdown() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(15, TimeUnit.SECONDS);
    }
}
