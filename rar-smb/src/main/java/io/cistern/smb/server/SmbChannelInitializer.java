package io.cistern.smb.server;

import io.cistern.smb.transport.DirectTcpFrameDecoder;
import io.cistern.smb.transport.DirectTcpFrameEncoder;
import io.cistern.transport.LargeMessageBuffers;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;

/**
 * The pipeline of every SMB connection: Direct TCP framing ([MS-SMB2] 2.1) in both directions, then the
 * connection's {@link SmbConnectionHandler}. The adapter's listener and the tests use the same one.
 */
public final class SmbChannelInitializer extends ChannelInitializer<Channel> {
    private static final int LARGE_MESSAGE_BUFFERS = 8;
    private final SmbRequestExecutor executor;
    private final SupportedDialects dialects;
    private final int maxMessageBytes;
    private final ChannelGroup connections;
    private final ServerLogonContext logon;
    private final DirectTcpFrameEncoder encoder = new DirectTcpFrameEncoder();
    /** The listener's open files: share access and delete-pending hold across its connections. */
    private final SharedFileRegistry openFiles = new SharedFileRegistry();
    private final FileRequests.RetryPolicy retry;
    /**
     * The listener's buffers for messages above 1 MiB: enough for the WRITEs a few clients keep in flight (smbclient
     * two of 8 MiB), and no more, for they stay allocated.
     */
    private final LargeMessageBuffers largeMessages;

    /**
     * A listener whose connections share a fresh {@link ServerLogonContext} (failure throttle, counters).
     *
     * @param connections where each new connection is registered so that it can be closed with the
     *                    listener; null when nobody needs that
     */
    public SmbChannelInitializer(SmbRequestExecutor executor, SupportedDialects dialects, int maxMessageBytes,
                                 ChannelGroup connections) {
        this(executor, dialects, maxMessageBytes, connections, ServerLogonContext.withDefaults());
    }

    /** @param logon what the listener's connections share for SESSION_SETUP */
    public SmbChannelInitializer(SmbRequestExecutor executor, SupportedDialects dialects, int maxMessageBytes,
                                 ChannelGroup connections, ServerLogonContext logon) {
        this(executor, dialects, maxMessageBytes, connections, logon, FileRequests.RetryPolicy.DEFAULT);
    }

    /** @param retry how long the application's TRY_LATER is re-asked (tests shorten it) */
    SmbChannelInitializer(SmbRequestExecutor executor, SupportedDialects dialects, int maxMessageBytes,
                          ChannelGroup connections, ServerLogonContext logon, FileRequests.RetryPolicy retry) {
        this.retry = retry;
        this.executor = executor;
        this.dialects = dialects;
        this.maxMessageBytes = maxMessageBytes;
        this.largeMessages = new LargeMessageBuffers(DirectTcpFrameDecoder.HEADER_BYTES + maxMessageBytes,
                LARGE_MESSAGE_BUFFERS);
        this.connections = connections;
        this.logon = logon;
    }

    /** The logon counters of this listener, for the application to read. */
    public SmbSessionStats sessionStats() {
        return logon.stats();
    }

    @Override
    protected void initChannel(Channel channel) {
        if (connections != null) {
            connections.add(channel);
        }
        channel.pipeline().addLast(new DirectTcpFrameDecoder(maxMessageBytes, largeMessages), encoder,
                new SmbConnectionHandler(executor, dialects, logon, openFiles, retry));
    }
}
