package io.cistern.smb.server;

import io.cistern.smb.crypto.Smb2DecryptionException;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb1NegotiateRequest;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2TransformHeader;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server side of one SMB connection: takes each message from the Direct TCP framer, applies the
 * checks of [MS-SMB2] 3.3.5.2 that precede any command, and hands the message to its command's handler.
 * Owns the connection's {@link SmbConnectionState}; runs only on the connection's event loop.
 *
 * <p>Disconnected without a reply, as the spec requires or allows:
 * <ul>
 * <li>a ProtocolId other than 0xFE 'SMB', 0xFF 'SMB' or 0xFD 'SMB' (transform; compression, 0xFC, is never
 *     negotiated);</li>
 * <li>a transform message (3.3.5.2.1.1) before a 3.x dialect, for a session that is unknown or has no cipher,
 *     that does not decrypt, or whose plaintext is not one SMB2 message of the same session;</li>
 * <li>a message shorter than the SMB2 header, a header whose StructureSize is not 64, or an undefined
 *     command code (3.3.5.2.6; for a broken header the MAY-disconnect of that section is used, since its
 *     MessageId cannot be trusted for an error reply);</li>
 * <li>anything but NEGOTIATE before a dialect is in force (3.3.5.2.2);</li>
 * <li>a compound chain whose NextCommand offsets do not hold together, or one before negotiation.</li>
 * </ul>
 *
 * <p>After negotiation, NEGOTIATE and SESSION_SETUP go to their handlers, which deal with sessions themselves;
 * CANCEL is never answered (3.3.5.16); an ECHO without SessionId and signature needs no session (3.3.5.17);
 * every other request is first put in its session by {@link SessionVerifier} (3.3.5.2.4, 3.3.5.2.9). LOGOFF,
 * TREE_CONNECT and ECHO then go to their handlers; every other command works on a tree and is put in its tree
 * connect (3.3.5.2.11) before TREE_DISCONNECT goes to its handler and the rest to {@link FileCommandDispatcher}. When the
 * connection closes, its sessions, their tree connects and their keys go with it (3.3.7.1).
 */
public final class SmbConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = Logger.getLogger(SmbConnectionHandler.class.getName());
    /** Where SessionId lies in a transform header ([MS-SMB2] 2.2.41) and in an SMB2 header (2.2.1). */
    private static final int TRANSFORM_SESSION_ID_OFFSET = 44;
    private static final int HEADER_SESSION_ID_OFFSET = 40;
    private static final int NEXT_COMMAND_OFFSET = 20;

    private final SmbConnectionState state;
    private final Smb2ResponseWriter writer;
    private final CompoundRequests compounds;
    private final Smb2NegotiateHandler negotiate;
    private final MultiProtocolNegotiateHandler multiProtocolNegotiate;
    private final Smb2SessionSetupHandler sessionSetup;
    private final Smb2LogoffHandler logoff;
    private final Smb2TreeConnectHandler treeConnect;
    private final Smb2TreeDisconnectHandler treeDisconnect;
    private final Smb2EchoHandler echo;
    private final Smb2IoctlHandler ioctl;
    private final SessionVerifier sessionVerifier;
    private final FileCommandDispatcher fileCommands;
    /** When the connection was accepted. */
    private final Instant since = Instant.now();
    /** The latest copy of who the connection serves, made on the event loop by {@link #refreshSummary}. */
    private volatile SmbConnectionSummary summary = SmbConnectionSummary.NONE;

    /** @param logon shared by every connection of the listener, so that the failure throttle sees them all */
    public SmbConnectionHandler(SmbRequestExecutor executor, SupportedDialects dialects, ServerLogonContext logon) {
        this(executor, dialects, logon, new SharedFileRegistry(), FileRequests.RetryPolicy.DEFAULT);
    }

    /** @param openFiles shared by every connection of the listener, so that share access holds across them */
    SmbConnectionHandler(SmbRequestExecutor executor, SupportedDialects dialects, ServerLogonContext logon,
                         SharedFileRegistry openFiles, FileRequests.RetryPolicy retry) {
        this.writer = new Smb2ResponseWriter();
        this.compounds = new CompoundRequests(this::readRequest, writer, this::forgetCreatedOpen, this::protectionOf);
        writer.onResponse(compounds::responded);
        FileRequests files = new FileRequests(executor, writer, openFiles, retry);
        this.fileCommands = new FileCommandDispatcher(files, new UnimplementedCommandHandler(writer));
        this.state = new SmbConnectionState(fileCommands::closeDetached);
        NegotiateResponder responder = new NegotiateResponder(executor, writer, logon.throttle());
        this.negotiate = new Smb2NegotiateHandler(dialects, responder, writer, logon.random());
        this.multiProtocolNegotiate = new MultiProtocolNegotiateHandler(dialects, responder);
        this.sessionVerifier = new SessionVerifier(writer);
        this.sessionSetup = new Smb2SessionSetupHandler(executor, writer, sessionVerifier, logon);
        this.logoff = new Smb2LogoffHandler(writer);
        this.treeConnect = new Smb2TreeConnectHandler(executor, writer);
        this.treeDisconnect = new Smb2TreeDisconnectHandler(writer, fileCommands::closeDetached);
        this.echo = new Smb2EchoHandler(writer);
        this.ioctl = new Smb2IoctlHandler(writer, files);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // the responses are encoded where the state is not at hand; the window must see every credit they grant
        ctx.channel().attr(CreditWindow.KEY).set(state.credits());
    }

    /** When the connection was accepted. */
    public Instant since() {
        return since;
    }

    /** Who the connection served at the last {@link #refreshSummary}; any thread. */
    public SmbConnectionSummary summary() {
        return summary;
    }

    /**
     * Copies the sessions' names and shares for {@link #summary}. Only on the connection's event loop: a reader on
     * another thread asks for a refresh there and reads the copy later, rather than wait for the loop.
     */
    public void refreshSummary() {
        summary = SmbConnectionSummary.of(state.sessions());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf message = (ByteBuf) msg;
        try {
            if (ctx.channel().isActive()) {
                readMessage(ctx.channel(), message);
            }
        } finally {
            message.release();
        }
    }

    private void readMessage(Channel channel, ByteBuf message) {
        if (message.readableBytes() < 4) {
            Disconnect.now(channel, () -> "a message of " + message.readableBytes() + " bytes");
            return;
        }
        int protocolId = message.getIntLE(message.readerIndex());
        if (protocolId == Smb2Header.PROTOCOL_ID) {
            readSmb2(channel, message, new WireReader(message), false);
        } else if (protocolId == Smb2TransformHeader.PROTOCOL_ID) {
            readEncrypted(channel, message);
        } else if (protocolId == Smb1NegotiateRequest.PROTOCOL_ID) {
            multiProtocolNegotiate.handle(channel, state, new WireReader(message));
        } else {
            Disconnect.now(channel, () -> String.format("ProtocolId 0x%08X", protocolId));
        }
    }

    /** [MS-SMB2] 3.3.5.2.1.1: decrypts with the session's key, then goes on as with any request. */
    private void readEncrypted(Channel channel, ByteBuf message) {
        if (state.cipher() == null || message.readableBytes() < Smb2TransformHeader.STRUCTURE_SIZE) {
            Disconnect.now(channel, () -> "a transform message on a connection that does not encrypt");
            return;
        }
        long sessionId = message.getLongLE(message.readerIndex() + TRANSFORM_SESSION_ID_OFFSET);
        SmbSession session = state.sessions().find(sessionId);
        if (session == null || session.decryptor() == null) {
            Disconnect.now(channel, () -> "a transform message for a session that cannot decrypt");
            return;
        }
        ByteBuf plaintext;
        try {
            // over the received bytes: the framer's slice of them is this message's alone, and a WRITE's data then
            // reaches the application as a slice of them, as a plain WRITE's does
            plaintext = session.decryptor().decryptInPlace(message);
        } catch (Smb2DecryptionException e) {
            Disconnect.now(channel, () -> "a transform message that does not decrypt: " + e.getMessage());
            return;
        }
        try {
            if (plaintext.readableBytes() < Smb2Header.STRUCTURE_SIZE
                    || plaintext.getIntLE(plaintext.readerIndex()) != Smb2Header.PROTOCOL_ID
                    || plaintext.getLongLE(plaintext.readerIndex() + HEADER_SESSION_ID_OFFSET) != sessionId) {
                Disconnect.now(channel, () -> "an encrypted message that is not an SMB2 request of its session");
                return;
            }
            session.clientEncrypts();
            // as a plain message is: whoever keeps part of it past this call retains it
            readSmb2(channel, plaintext, new WireReader(plaintext), true);
        } finally {
            plaintext.release();
        }
    }

    /** One message: a request, or a chain of them ({@link CompoundRequests}). */
    private void readSmb2(Channel channel, ByteBuf raw, WireReader message, boolean encrypted) {
        boolean chained = raw.readableBytes() >= Smb2Header.STRUCTURE_SIZE
                && raw.getIntLE(raw.readerIndex() + NEXT_COMMAND_OFFSET) != 0;
        if (!chained) {
            readRequest(channel, raw, encrypted, null);
            return;
        }
        List<ByteBuf> elements = CompoundChain.split(raw);
        if (elements == null || state.awaitsNegotiate()) {
            Disconnect.now(channel, () -> "a malformed compound chain, or one before negotiation (MS-SMB2 3.3.5.2.7)");
            return;
        }
        writer.expectChain(elements);
        compounds.start(channel, elements, encrypted);
    }

    /** How the session {@code request} works in protects its response; null without one. */
    private ResponseProtection protectionOf(Smb2Header request) {
        SmbSession session = state.sessions().find(request.sessionId());
        return session == null ? null : session.responseProtection(request.isSigned());
    }

    private void forgetCreatedOpen() {
        state.created(Smb2FileId.ALL_ONES);
    }

    /**
     * One request. {@code previous} is the request before it in a chain of related operations, whose session and
     * tree connect it works in; a related request without one (the first of a chain, or one alone) is
     * STATUS_INVALID_PARAMETER (3.3.5.2.7.2).
     */
    private void readRequest(Channel channel, ByteBuf raw, boolean encrypted, Smb2Header previous) {
        WireReader message = new WireReader(raw);
        Smb2Header header;
        try {
            header = Smb2Header.decode(message);
        } catch (SmbWireException e) {
            Disconnect.now(channel, () -> "unusable SMB2 header (MS-SMB2 3.3.5.2.6): " + e.getMessage());
            return;
        }
        int command = header.command();
        if (!Smb2Command.isDefined(command)) {
            Disconnect.now(channel, () -> "undefined command " + Smb2Command.name(command) + " (MS-SMB2 3.3.5.2.6)");
        } else if (command != Smb2Command.CANCEL && !state.credits().take(header.messageId(), creditCharge(header))) {
            Disconnect.now(channel, () -> "MessageId " + Long.toUnsignedString(header.messageId()) + " charged "
                    + header.creditCharge() + " is outside the credits granted or used already (MS-SMB2 3.3.5.2.3)");
        } else if (state.awaitsNegotiate() && command != Smb2Command.NEGOTIATE) {
            Disconnect.now(channel, () -> Smb2Command.name(command) + " before negotiation (MS-SMB2 3.3.5.2.2)");
        } else if (header.isRelated() && previous == null) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER, protectionOf(header));
        } else if (command == Smb2Command.NEGOTIATE) {
            negotiate.handle(channel, state, header, message, raw);
        } else if (command == Smb2Command.SESSION_SETUP) {
            sessionSetup.handle(channel, state, header, message, raw);
        } else if (command == Smb2Command.CANCEL) {
            cancel(header);
        } else {
            readInSession(channel, header.isRelated() ? header.inContextOf(previous) : header, message, raw,
                    encrypted);
        }
    }

    /** The MessageIds a request uses: its CreditCharge from 2.1 on; in 2.0.2, and before a dialect, one. */
    private int creditCharge(Smb2Header header) {
        return CreditCharge.multiCredit(state.negotiateDialect()) ? header.creditCharge() : 1;
    }

    /**
     * CANCEL ([MS-SMB2] 3.3.5.16): ends the waiting request it names, by AsyncId or else by MessageId, which then sends
     * its own final response; the CANCEL itself is never answered, whether it found one or not.
     */
    private void cancel(Smb2Header header) {
        if (header.isAsync()) {
            state.asyncRequests().cancelAsync(header.sessionId(), header.asyncId());
        } else {
            state.asyncRequests().cancelByMessageId(header.sessionId(), header.messageId());
        }
    }

    private void readInSession(Channel channel, Smb2Header header, WireReader body, ByteBuf raw, boolean encrypted) {
        if (header.command() == Smb2Command.ECHO && header.sessionId() == 0 && !header.isSigned()) {
            echo.handle(channel, header, body, null);
            return;
        }
        SmbSession session = sessionVerifier.verify(channel, state, header, raw, encrypted);
        if (session == null) {
            return;
        }
        switch (header.command()) {
            case Smb2Command.LOGOFF -> logoff.handle(channel, state, session, header, body);
            case Smb2Command.TREE_CONNECT -> treeConnect.handle(channel, state, session, header, body);
            case Smb2Command.ECHO -> echo.handle(channel, header, body, session);
            default -> readInTree(channel, session, header, body, encrypted);
        }
    }

    private void readInTree(Channel channel, SmbSession session, Smb2Header header, WireReader body,
                            boolean encrypted) {
        TreeConnect tree = sessionVerifier.verifyTree(channel, session, header, encrypted);
        if (tree == null) {
            return;
        }
        if (header.command() == Smb2Command.TREE_DISCONNECT) {
            treeDisconnect.handle(channel, session, tree, header, body);
        } else if (header.command() == Smb2Command.IOCTL) {
            ioctl.handle(channel, state, session, tree, header, body);
        } else {
            fileCommands.handle(channel, state, session, tree, header, body);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        compounds.clear();
        writer.dropChains();
        state.sessions().clear();
        summary = SmbConnectionSummary.NONE;
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "closing SMB connection from " + ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
