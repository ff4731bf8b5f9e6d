package io.cistern.smb.server;

import io.cistern.smb.wire.Smb1NegotiateRequest;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.channel.Channel;

/**
 * The multi-protocol negotiate: an SMB1 SMB_COM_NEGOTIATE answered with an SMB2 NEGOTIATE response,
 * [MS-SMB2] 3.3.5.3. This server does not implement SMB1, so
 * <ul>
 * <li>it must be the first message of the connection; a later one is disconnected, as is any SMB1 message
 *     that is not a well-formed SMB_COM_NEGOTIATE (there is no SMB1 error reply to give);</li>
 * <li>"SMB 2.???" gets DialectRevision 0x02FF when the server implements 2.1 or 3.x (3.3.5.3.1), and then
 *     an SMB2 NEGOTIATE must follow;</li>
 * <li>otherwise "SMB 2.002" gets 0x0202 (3.3.5.3.2);</li>
 * <li>a list of SMB1 dialects only is disconnected without a response (3.3.5.3.2, server without SMB1).</li>
 * </ul>
 * The response has MessageId 0 and grants one credit, the one the client needs for its next request.
 */
final class MultiProtocolNegotiateHandler {
    private static final int CREDITS_GRANTED = 1;

    private final SupportedDialects dialects;
    private final NegotiateResponder responder;

    MultiProtocolNegotiateHandler(SupportedDialects dialects, NegotiateResponder responder) {
        this.dialects = dialects;
        this.responder = responder;
    }

    /** Handles a whole message that starts with the SMB1 ProtocolId. */
    void handle(Channel channel, SmbConnectionState state, WireReader message) {
        if (state.negotiateDialect() != Smb2Dialect.NONE) {
            Disconnect.now(channel, () -> "SMB1 message after negotiation");
            return;
        }
        Smb1NegotiateRequest request;
        try {
            request = Smb1NegotiateRequest.decode(message);
        } catch (SmbWireException e) {
            Disconnect.now(channel, () -> "SMB1 message that is not a usable SMB_COM_NEGOTIATE: " + e.getMessage());
            return;
        }
        int dialect = dialects.selectForMultiProtocol(request.dialects());
        if (dialect == Smb2Dialect.NONE) {
            Disconnect.now(channel, () -> "multi-protocol negotiate without an SMB2 dialect " + request.dialects()
                    + " (MS-SMB2 3.3.5.3.2; SMB1 is not served)");
            return;
        }
        if (!state.credits().take(0, 1)) {
            Disconnect.now(channel, () -> "a second multi-protocol negotiate (MS-SMB2 3.3.5.3.1)");
            return;
        }
        state.negotiated(dialect);
        responder.respond(channel, state, 0, CREDITS_GRANTED, dialect, null, 0);
    }
}
