package io.cistern.smb.server;

import io.cistern.smb.wire.Smb1NegotiateRequest;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server side of one SMB connection: takes each message from the Direct TCP framer, applies the
 * checks of [MS-SMB2] 3.3.5.2 that precede any command, and hands the message to its command's handler.
 * Owns the connection's {@link SmbConnectionState}; runs only on the connection's event loop.
 *
 * <p>Disconnected without a reply, as the spec requires or allows:
 * <ul>
 * <li>a ProtocolId other than 0xFE 'SMB' or 0xFF 'SMB': 0xFD (transform) and 0xFC (compression) exist only
 *     in SMB 3.x, which is never negotiated here;</li>
 * <li>a message shorter than the SMB2 header, a header whose StructureSize is not 64, or an undefined
 *     command code (3.3.5.2.6; for a broken header the MAY-disconnect of that section is used, since its
 *     MessageId cannot be trusted for an error reply);</li>
 * <li>anything but NEGOTIATE before a dialect is in force (3.3.5.2.2);</li>
 * <li>compounded requests (NextCommand or SMB2_FLAGS_RELATED_OPERATIONS): compounding is not implemented
 *     yet, and answering only the first request would leave the client waiting for the others.</li>
 * </ul>
 */
public final class SmbConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = Logger.getLogger(SmbConnectionHandler.class.getName());

    private final SmbConnectionState state = new SmbConnectionState();
    private final Smb2NegotiateHandler negotiate;
    private final MultiProtocolNegotiateHandler multiProtocolNegotiate;
    private final UnimplementedCommandHandler unimplemented;

    public SmbConnectionHandler(SmbRequestExecutor executor, SupportedDialects dialects) {
        Smb2ResponseWriter writer = new Smb2ResponseWriter();
        NegotiateResponder responder = new NegotiateResponder(executor, writer);
        this.negotiate = new Smb2NegotiateHandler(dialects, responder, writer);
        this.multiProtocolNegotiate = new MultiProtocolNegotiateHandler(dialects, responder);
        this.unimplemented = new UnimplementedCommandHandler(writer);
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
            readSmb2(channel, new WireReader(message));
        } else if (protocolId == Smb1NegotiateRequest.PROTOCOL_ID) {
            multiProtocolNegotiate.handle(channel, state, new WireReader(message));
        } else {
            Disconnect.now(channel, () -> String.format("ProtocolId 0x%08X", protocolId));
        }
    }

    private void readSmb2(Channel channel, WireReader message) {
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
        } else if (header.nextCommand() != 0 || (header.flags() & Smb2Header.FLAGS_RELATED_OPERATIONS) != 0) {
            Disconnect.now(channel, () -> "compounded request: not implemented yet");
        } else if (state.awaitsNegotiate() && command != Smb2Command.NEGOTIATE) {
            Disconnect.now(channel, () -> Smb2Command.name(command) + " before negotiation (MS-SMB2 3.3.5.2.2)");
        } else if (command == Smb2Command.NEGOTIATE) {
            negotiate.handle(channel, state, header, message);
        } else {
            unimplemented.handle(channel, header);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "closing SMB connection from " + ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
