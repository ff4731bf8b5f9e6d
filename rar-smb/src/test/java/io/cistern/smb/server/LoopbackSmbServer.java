package io.cistern.smb.server;

import io.cistern.smb.transport.DirectTcpFrameDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real SMB pipeline on a free loopback port for one test class (register it as a static extension), for
 * clients written by others; the application is a recording listener run inline on the event loop.
 */
final class LoopbackSmbServer implements BeforeAllCallback, AfterAllCallback {
    final RecordingListener listener = new RecordingListener();
    private EventLoopGroup group;
    private Channel server;

    /** Binds before the test class's first test. */
    @Override
    public void beforeAll(ExtensionContext context) {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        SmbRequestExecutor inline = task -> {
            task.accept(listener);
            return true;
        };
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new SmbChannelInitializer(inline, SupportedDialects.IMPLEMENTED,
                        DirectTcpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES, null))
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
