package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cistern.smb.transport.DirectTcpFrameDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Samba's smbclient (when installed) against the real pipeline: it must get past NEGOTIATE and fail only
 * at SESSION_SETUP, which is not implemented yet.
 */
class SmbclientInteropTest {
    private static final Path SMBCLIENT = Path.of("/usr/bin/smbclient");
    private static final RecordingListener LISTENER = new RecordingListener();
    private static EventLoopGroup group;
    private static Channel server;
    private static int port;

    @BeforeAll
    static void bind() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        SmbRequestExecutor inline = task -> {
            task.accept(LISTENER);
            return true;
        };
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new SmbChannelInitializer(inline, SupportedDialects.IMPLEMENTED,
                        DirectTcpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES, null))
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterAll
    static void unbind() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void smbclientNegotiates202AndStopsAtSessionSetup() throws Exception {
        assumeTrue(Files.isExecutable(SMBCLIENT), "smbclient is not installed");
        int before = LISTENER.identityCallers.size();
        // debug level 10 is the lowest at which smbclient names the negotiated dialect
        String output = run(List.of(SMBCLIENT.toString(), "-L", "//127.0.0.1", "-p", String.valueOf(port), "-N",
                "-m", "SMB2_02", "-d", "10"));
        assertTrue(output.contains("negotiated dialect[SMB2_02] against server[127.0.0.1]"), output);
        assertTrue(output.contains("session setup failed: NT_STATUS_NOT_SUPPORTED"), output);
        assertEquals(before + 1, LISTENER.identityCallers.size(), "one NEGOTIATE reached the application");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("smbclient did not finish within 30 s");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
