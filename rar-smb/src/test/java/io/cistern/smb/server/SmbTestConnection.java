package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cistern.smb.auth.SmbjNtlmClient;
import io.cistern.smb.crypto.HmacSha256Signer;
import io.cistern.smb.transport.DirectTcpFrameDecoder;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2NegotiateRequest;
import io.cistern.smb.wire.Smb2SessionSetupRequest;
import io.cistern.smb.wire.Smb2SessionSetupResponse;
import io.cistern.smb.wire.Smb2TreeConnectRequest;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One in-memory SMB connection for handler tests: the real pipeline on an {@link EmbeddedChannel}, the application
 * a {@link RecordingListener} run inline (or held until the test runs it), and a client written by hand that
 * negotiates, logs on with smbj's client-side NTLM, connects trees and sends framed, optionally signed requests.
 */
final class SmbTestConnection {
    static final String USER = "alice";
    static final String PASSWORD = "correct horse";

    final RecordingListener listener;
    /** When false, the executor refuses every task: no worker is free. */
    boolean executorAccepts = true;
    /** When set, tasks wait here until the test runs them: the application is slow. */
    List<Runnable> heldTasks;
    final EmbeddedChannel channel;
    /** From 0, one a request, as a client uses the MessageIds its credits grant ([MS-SMB2] 3.2.4.1.3). */
    private long nextMessageId = 0;
    /** What each request asks for: like a real client, enough to keep a few requests in flight. */
    static final int CREDITS_ASKED = 64;

    record Response(Smb2Header header, byte[] message) {
        int status() {
            return header.status();
        }

        WireReader body() throws Exception {
            WireReader in = new WireReader(Unpooled.wrappedBuffer(message));
            Smb2Header.decode(in);
            return in;
        }

        Smb2SessionSetupResponse sessionSetup() throws Exception {
            return Smb2SessionSetupResponse.decode(body());
        }

        boolean signatureVerifies(byte[] sessionKey) {
            return new HmacSha256Signer(sessionKey).verify(message.clone());
        }
    }

    record LoggedOn(long sessionId, byte[] sessionKey) {
    }

    SmbTestConnection(RecordingListener listener) {
        this(listener, new SharedFileRegistry());
    }

    /** A connection that shares {@code openFiles} with others, as the connections of one listener do. */
    SmbTestConnection(RecordingListener listener, SharedFileRegistry openFiles) {
        this(listener, openFiles, ServerLogonContext.withDefaults());
    }

    /** A connection whose SESSION_SETUP uses {@code logon} (a test's clock and throttle). */
    SmbTestConnection(RecordingListener listener, ServerLogonContext logon) {
        this(listener, new SharedFileRegistry(), logon);
    }

    private SmbTestConnection(RecordingListener listener, SharedFileRegistry openFiles, ServerLogonContext logon) {
        this.listener = listener;
        SmbRequestExecutor inline = task -> {
            if (!executorAccepts) {
                return false;
            }
            Runnable run = () -> {
                try {
                    task.accept(listener);
                } catch (RuntimeException expected) {
                    // the worker pool logs and renews its endpoint; the reply is already written
                }
            };
            if (heldTasks != null) {
                heldTasks.add(run);
            } else {
                run.run();
            }
            return true;
        };
        FileRequests.RetryPolicy quick = new FileRequests.RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(200));
        channel = new EmbeddedChannel(new io.netty.channel.ChannelInitializer<>() {
            @Override
            protected void initChannel(io.netty.channel.Channel ch) {
                ch.pipeline().addLast(new DirectTcpFrameDecoder(DirectTcpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES),
                        new io.cistern.smb.transport.DirectTcpFrameEncoder(),
                        new SmbConnectionHandler(inline, SupportedDialects.IMPLEMENTED,
                                logon, openFiles, quick));
            }
        });
    }

    /** Asserts nothing is left to read and releases what the channel holds. */
    void finish() {
        assertNull(channel.readOutbound(), "no unexpected replies");
        channel.finishAndReleaseAll();
    }

    void runHeldTasks() {
        List<Runnable> tasks = new ArrayList<>(heldTasks);
        heldTasks.clear();
        tasks.forEach(Runnable::run);
    }

    // --- negotiate, logon, tree connect

    void negotiate() throws Exception {
        negotiate(0x0202, 0);
    }

    /** Negotiates {@code dialect} (2.0.2 to 3.0.2) with the client's SMB2_GLOBAL_CAP_* {@code capabilities}. */
    void negotiate(int dialect, int capabilities) throws Exception {
        negotiate(dialect, capabilities, SmbRequests.CLIENT_GUID);
    }

    /** Negotiates as the client {@code clientGuid} (what names its leases). */
    void negotiate(int dialect, int capabilities, java.util.UUID clientGuid) throws Exception {
        Response response = send(frame(message(header(Smb2Command.NEGOTIATE, 0, 0, 0),
                Smb2NegotiateRequest.of(1, capabilities, clientGuid, List.of(dialect))::encode)));
        assertEquals(NtStatus.STATUS_SUCCESS, response.status());
    }

    LoggedOn negotiateAndLogOn(int securityMode) throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        negotiate();
        return logOn(securityMode);
    }

    LoggedOn logOn(int securityMode) throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser(USER, PASSWORD, "WORKGROUP");
        Response challenge = send(sessionSetup(0, client.negTokenInit(), securityMode));
        long sessionId = challenge.header().sessionId();
        byte[] serverToken = Smb2SessionSetupResponse.decode(challenge.body()).securityBuffer();
        Response done = send(sessionSetup(sessionId, client.negTokenTarg(serverToken), securityMode));
        assertEquals(NtStatus.STATUS_SUCCESS, done.status());
        return new LoggedOn(sessionId, client.sessionKey());
    }

    private ByteBuf sessionSetup(long sessionId, byte[] token, int securityMode) {
        return frame(message(header(Smb2Command.SESSION_SETUP, sessionId, 0, 0),
                new Smb2SessionSetupRequest(0, securityMode, 0, 0, 0, token)::encode));
    }

    /** A TREE_CONNECT for {@code path}, signed with the session's key when asked. */
    ByteBuf treeConnect(LoggedOn session, String path, boolean signed) {
        ByteBuf request = frame(message(header(Smb2Command.TREE_CONNECT, session.sessionId(), 0, 0),
                new Smb2TreeConnectRequest(0, path)::encode));
        return signed ? signed(request, session.sessionKey()) : request;
    }

    /** Connects to {@code \\srv\share} and returns the TreeId. */
    int connectTree(LoggedOn session, String share) throws Exception {
        Response connected = send(treeConnect(session, "\\\\srv\\" + share, false));
        assertEquals(NtStatus.STATUS_SUCCESS, connected.status());
        return connected.header().treeId();
    }

    // --- requests

    /** A request of {@code command} with a four-byte body (a TREE_DISCONNECT, ECHO or LOGOFF) on a TreeId. */
    ByteBuf onTree(int command, LoggedOn session, int treeId) {
        return frame(message(header(command, session == null ? 0 : session.sessionId(), 0, treeId),
                body -> body.writeShortLE(4).writeShortLE(0)));
    }

    /** Sends {@code command} with the body the encoder writes, on a session and tree, and returns the answer. */
    Response request(int command, LoggedOn session, int treeId, Consumer<ByteBuf> body) throws Exception {
        return send(frame(message(header(command, session.sessionId(), 0, treeId), body)));
    }

    Smb2Header header(int command, long sessionId, int flags, int treeId) {
        return new Smb2Header(0, 0, command, CREDITS_ASKED, flags, 0, nextMessageId++, 0xFEFF, treeId, 0, sessionId,
                new byte[16]);
    }

    static ByteBuf message(Smb2Header header, Consumer<ByteBuf> body) {
        ByteBuf message = Unpooled.buffer();
        header.encode(message);
        body.accept(message);
        return message;
    }

    static ByteBuf frame(ByteBuf message) {
        return SmbRequests.frame(message);
    }

    /** The framed request re-encoded with SMB2_FLAGS_SIGNED and signed with {@code key}, as a client signs it. */
    static ByteBuf signed(ByteBuf framed, byte[] key) {
        byte[] message = ByteBufUtil.getBytes(framed, 4, framed.readableBytes() - 4);
        framed.release();
        ByteBuf wrapped = Unpooled.wrappedBuffer(message);
        wrapped.setIntLE(16, wrapped.getIntLE(16) | Smb2Header.FLAGS_SIGNED);
        new HmacSha256Signer(key).sign(message);
        return Unpooled.buffer().writeInt(message.length).writeBytes(message);
    }

    Response send(ByteBuf request) throws Exception {
        channel.writeInbound(request);
        return receive();
    }

    /**
     * The responses of one transport message, split at each NextCommand ([MS-SMB2] 3.2.5.1.9): each with its bytes
     * up to the next header, padding included, as its signature covers them.
     */
    List<Response> receiveMessage() throws Exception {
        ByteBuf frameHeader = channel.readOutbound();
        ByteBuf message = channel.readOutbound();
        assertFalse(frameHeader == null || message == null, "an answer was written");
        assertEquals(message.readableBytes(), frameHeader.readInt());
        frameHeader.release();
        try {
            return split(ByteBufUtil.getBytes(message));
        } finally {
            message.release();
        }
    }

    /** A plaintext message split into its responses at each NextCommand. */
    static List<Response> split(byte[] bytes) throws Exception {
        List<Response> responses = new ArrayList<>();
        int start = 0;
        while (true) {
            int next = Unpooled.wrappedBuffer(bytes).getIntLE(start + 20);
            int end = next == 0 ? bytes.length : start + next;
            byte[] part = java.util.Arrays.copyOfRange(bytes, start, end);
            responses.add(new Response(Smb2Header.decode(new WireReader(Unpooled.wrappedBuffer(part))), part));
            if (next == 0) {
                return responses;
            }
            start = end;
        }
    }

    Response receive() throws Exception {
        ByteBuf frameHeader = channel.readOutbound();
        ByteBuf message = channel.readOutbound();
        assertFalse(frameHeader == null || message == null, "an answer was written");
        assertEquals(message.readableBytes(), frameHeader.readInt());
        frameHeader.release();
        try {
            byte[] bytes = ByteBufUtil.getBytes(message);
            return new Response(Smb2Header.decode(new WireReader(Unpooled.wrappedBuffer(bytes))), bytes);
        } finally {
            message.release();
        }
    }
}
