package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.connection.NegotiatedProtocol;
import io.cistern.smb.transport.DirectTcpFrameDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * smbj 0.14.0, an SMB2 client written by others, against the real Netty pipeline on a loopback port.
 * The application is a listener double run inline on the event loop.
 */
class SmbjInteropTest {
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
    void smbjOfferingEveryDialectConnectsWith202() throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", port)) {
            NegotiatedProtocol negotiated = connection.getNegotiatedProtocol();
            assertEquals(SMB2Dialect.SMB_2_0_2, negotiated.getDialect());
            assertEquals(65536, negotiated.getMaxReadSize());
            assertEquals(65536, negotiated.getMaxWriteSize());
            assertEquals(65536, negotiated.getMaxTransactSize());
            assertEquals(RecordingListener.SERVER_GUID, connection.getConnectionContext().getServerGuid());
            assertFalse(connection.getConnectionContext().supportsDFS());
            assertFalse(connection.getConnectionContext().supportsMultiCredit());
            assertTrue(connection.isConnected());
        }
    }

    @Test
    void smbjWithMultiProtocolNegotiateConnectsWith202() throws Exception {
        SmbConfig config = SmbConfig.builder().withMultiProtocolNegotiate(true).build();
        try (SMBClient client = new SMBClient(config); Connection connection = client.connect("127.0.0.1", port)) {
            assertEquals(SMB2Dialect.SMB_2_0_2, connection.getNegotiatedProtocol().getDialect());
        }
    }

    @Test
    void smbjStopsAtSessionSetupWhichIsNotImplementedYet() throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", port)) {
            SMBApiException refused = assertThrows(SMBApiException.class,
                    () -> connection.authenticate(AuthenticationContext.anonymous()));
            assertEquals(NtStatus.STATUS_NOT_SUPPORTED.getValue(), refused.getStatusCode());
        }
    }
}
