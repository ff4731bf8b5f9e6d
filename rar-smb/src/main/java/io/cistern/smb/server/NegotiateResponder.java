package io.cistern.smb.server;

import io.cistern.smb.auth.SpnegoNtlmAcceptor;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbServerIdentity;
import io.cistern.smb.wire.FileTime;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2NegotiateContext;
import io.cistern.smb.wire.Smb2NegotiateResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * Builds and sends the SMB2 NEGOTIATE response once the dialect is chosen, for both ways in (SMB2
 * NEGOTIATE and multi-protocol negotiate). The server's GUID, start time and signing policy come from the
 * application, asked on a request worker; the I/O thread never waits for it.
 *
 * <p>Response fields ([MS-SMB2] 2.2.4, 3.3.5.3.1, 3.3.5.3.2, 3.3.5.4), deliberately advertising nothing
 * that is not implemented:
 * <ul>
 * <li>SecurityMode: SIGNING_ENABLED (which every server must set), plus SIGNING_REQUIRED when the
 *     application requires signing;</li>
 * <li>Capabilities: SMB2_GLOBAL_CAP_ENCRYPTION for a 3.0 or 3.0.2 client that announced it (3.1.1 agrees on
 *     its cipher in a negotiate context instead); from 2.1 on SMB2_GLOBAL_CAP_LEASING (file leases, versions 1
 *     and 2: {@link OplockTable}); nothing else: no DFS, directory leasing, multi-channel or persistent
 *     handles;</li>
 * <li>from 2.1 on, SMB2_GLOBAL_CAP_LARGE_MTU with MaxReadSize and MaxWriteSize of 8 MiB (what Windows Server
 *     allows) and MaxTransactSize of 1 MiB, each request charged its credits ({@link CreditCharge}); for 2.0.2, which
 *     has no multi-credit requests, 65536 each;</li>
 * <li>for 3.1.1, the negotiate contexts {@link ContextNegotiation} chose; the encoded response is chained into the
 *     connection's pre-authentication integrity hash before it is sent;</li>
 * <li>the security buffer: the server-initiated SPNEGO variant of 3.3.5.4, the NegTokenInit2 hint of
 *     [MS-SPNG] 2.2.1 offering NTLMSSP, the one mechanism {@link Smb2SessionSetupHandler} accepts.</li>
 * </ul>
 * The application's signing policy is recorded in the connection's state, on the event loop, before the
 * response that announces it is written, so that every SESSION_SETUP after it sees the same policy.
 */
final class NegotiateResponder {
    static final int CAPABILITIES = 0;
    /** Whether the server offers encryption (TRANSFORM_HEADER messages, [MS-SMB2] 3.1.4.3, 3.3.5.2.1.1). */
    static final boolean ENCRYPTS = true;
    /** The sizes of 2.0.2, one credit's worth. */
    static final int SMALL_MTU = 65536;
    static final int MAX_TRANSACT_SIZE = 1 << 20;
    static final int MAX_READ_SIZE = 8 << 20;
    static final int MAX_WRITE_SIZE = 8 << 20;

    private final SmbRequestExecutor executor;
    private final Smb2ResponseWriter writer;
    /** The listener's logon failure throttle, whose limit follows the application's setting. */
    private final LogonFailureThrottle throttle;

    NegotiateResponder(SmbRequestExecutor executor, Smb2ResponseWriter writer, LogonFailureThrottle throttle) {
        this.executor = executor;
        this.writer = writer;
        this.throttle = throttle;
    }

    /**
     * Answers with {@code dialect}, echoing {@code messageId} and granting credits for {@code creditsRequested}.
     * When the application cannot be asked, or fails, the client gets an error response and the connection
     * closes: without a NEGOTIATE response nothing else can happen on it.
     */
    void respond(Channel channel, SmbConnectionState state, long messageId, int creditsRequested, int dialect,
                 ContextNegotiation.Outcome contexts, int capabilities) {
        int credits = Smb2ResponseWriter.creditsGranted(creditsRequested);
        // what an error response needs of the request: command, MessageId, credits asked, session (none yet)
        Smb2Header replyTo = Smb2Header.response(Smb2Command.NEGOTIATE, messageId, 0, creditsRequested, 0);
        List<Smb2NegotiateContext> responseContexts = contexts == null ? List.of() : contexts.responseContexts();
        boolean queued = executor.submit(listener -> answer(channel, state, new Answer(messageId, credits, dialect,
                capabilities, responseContexts), listener, replyTo));
        if (!queued) {
            writer.writeErrorAndClose(channel, replyTo, NtStatus.STATUS_INSUFFICIENT_RESOURCES);
        }
    }

    /** What the response says besides the server's identity. */
    private record Answer(long messageId, int credits, int dialect, int capabilities,
                          List<Smb2NegotiateContext> contexts) {
    }

    private void answer(Channel channel, SmbConnectionState state, Answer answer, SmbListener listener,
                        Smb2Header replyTo) {
        try {
            SmbServerIdentity identity = listener.serverIdentity(new SmbCaller(clientAddress(channel)));
            if (identity == null) {
                throw new IllegalStateException("the application returned no server identity");
            }
            throttle.limit(identity.logonFailureLimit());
            Smb2NegotiateResponse response = build(answer.dialect(), identity, Instant.now(), answer.capabilities(),
                    answer.contexts());
            Smb2Header header = Smb2Header.response(Smb2Command.NEGOTIATE, answer.messageId(),
                    NtStatus.STATUS_SUCCESS, answer.credits(), 0);
            EventLoopHandOff.run(channel, () -> {
                state.serverRequiresSigning(identity.signingRequired());
                state.serverRequiresEncryption(identity.encryptionRequired());
                state.serverAnnounced(response.securityMode(), response.capabilities(), response.serverGuid());
                ByteBuf encoded = Smb2ResponseWriter.encode(channel, header, response::encode, null);
                if (state.preauthHash() != null) {
                    state.preauthHash().update(encoded);
                }
                writer.send(channel, encoded);
            });
        } catch (RuntimeException e) {
            writer.writeErrorAndClose(channel, replyTo, NtStatus.STATUS_INTERNAL_ERROR);
            // rethrown so that the worker logs it and takes a fresh endpoint
            throw new IllegalStateException("NEGOTIATE from " + channel.remoteAddress() + " failed", e);
        }
    }

    static Smb2NegotiateResponse build(int dialect, SmbServerIdentity identity, Instant now) {
        return build(dialect, identity, now, CAPABILITIES, List.of());
    }

    static Smb2NegotiateResponse build(int dialect, SmbServerIdentity identity, Instant now, int capabilities,
                                       List<Smb2NegotiateContext> contexts) {
        int securityMode = Smb2NegotiateResponse.SIGNING_ENABLED
                | (identity.signingRequired() ? Smb2NegotiateResponse.SIGNING_REQUIRED : 0);
        boolean largeMtu = CreditCharge.multiCredit(dialect);
        return new Smb2NegotiateResponse(securityMode, dialect, identity.serverGuid(),
                capabilities | (largeMtu ? Smb2NegotiateResponse.CAP_LARGE_MTU : 0)
                        | (dialect >= Smb2Dialect.SMB_2_1 ? Smb2NegotiateResponse.CAP_LEASING : 0),
                largeMtu ? MAX_TRANSACT_SIZE : SMALL_MTU, largeMtu ? MAX_READ_SIZE : SMALL_MTU,
                largeMtu ? MAX_WRITE_SIZE : SMALL_MTU, FileTime.fromInstant(now),
                FileTime.fromInstant(identity.serverStartTime()), SpnegoNtlmAcceptor.negotiateResponseHint(), contexts);
    }

    static InetSocketAddress clientAddress(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress address
                ? address : InetSocketAddress.createUnresolved("local", 0);
    }
}
