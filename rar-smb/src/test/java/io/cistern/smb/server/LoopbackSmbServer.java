package io.cistern.smb.server;

import io.cistern.smb.transport.DirectTcpFrameDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real SMB pipeline on a free loopback port for one test class (register it as a static extension), for
 * clients written by others; the application is a recording listener run inline on the event loop, or on a
 * worker thread of its own as the adapter's request workers run it.
 */
final class LoopbackSmbServer implements BeforeAllCallback, AfterAllCallback {
    final RecordingListener listener = new RecordingListener();
    final ServerLogonContext logon = ServerLogonContext.withDefaults();
    private final boolean onWorkerThread;
    private ExecutorService worker;
    private EventLoopGroup group;
    private Channel server;

    /** The listener runs inline on the event loop. */
    LoopbackSmbServer() {
        this(false);
    }

    /** @param onWorkerThread whether the listener runs on a thread apart from the event loop */
    LoopbackSmbServer(boolean onWorkerThread) {
        this.onWorkerThread = onWorkerThread;
    }

    /** Binds before the test class's first test. */
    @Override
    public void beforeAll(ExtensionContext context) {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        worker = Executors.newSingleThreadExecutor();
        SmbRequestExecutor inline = task -> {
            if (onWorkerThread) {
                worker.execute(() -> task.accept(listener));
            } else {
                task.accept(listener);
            }
            return true;
        };
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new SmbChannelInitializer(inline, SupportedDialects.IMPLEMENTED,
                        DirectTcpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES, null, logon))
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close().syncUninterruptibly();
        worker.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
