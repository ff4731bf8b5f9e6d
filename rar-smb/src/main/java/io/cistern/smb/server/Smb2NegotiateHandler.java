package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2NegotiateRequest;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.channel.Channel;

/**
 * SMB2 NEGOTIATE, [MS-SMB2] 3.3.5.4. Runs on the event loop: the dialect is chosen and recorded here, so
 * that the next message of the connection already sees it; only the response, which needs the
 * application's server identity, is left to a request worker.
 * <ul>
 * <li>a dialect already in force: disconnect without reply;</li>
 * <li>SMB2_FLAGS_SIGNED set: STATUS_INVALID_PARAMETER (3.3.5.2.4; nothing can sign before a session);</li>
 * <li>a body that is not a NEGOTIATE request (2.2.3): STATUS_INVALID_PARAMETER (3.3.5.2.6);</li>
 * <li>DialectCount 0: STATUS_INVALID_PARAMETER;</li>
 * <li>no dialect in common: STATUS_NOT_SUPPORTED;</li>
 * <li>otherwise the greatest common dialect.</li>
 * </ul>
 * A failed NEGOTIATE leaves the connection unnegotiated, so the client may try again. Negotiate contexts
 * are ignored until 3.1.1 is implemented.
 */
final class Smb2NegotiateHandler {
    private final SupportedDialects dialects;
    private final NegotiateResponder responder;
    private final Smb2ResponseWriter writer;

    Smb2NegotiateHandler(SupportedDialects dialects, NegotiateResponder responder, Smb2ResponseWriter writer) {
        this.dialects = dialects;
        this.responder = responder;
        this.writer = writer;
    }

    /** Handles the request whose body starts at the reader's position. */
    void handle(Channel channel, SmbConnectionState state, Smb2Header header, WireReader body) {
        if (state.hasDialect()) {
            Disconnect.now(channel, () -> "a second NEGOTIATE after dialect "
                    + Smb2Dialect.name(state.negotiateDialect()) + " (MS-SMB2 3.3.5.4)");
            return;
        }
        if (header.isSigned()) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        Smb2NegotiateRequest request;
        try {
            request = Smb2NegotiateRequest.decode(body);
        } catch (SmbWireException e) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        if (request.dialects().isEmpty()) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        int dialect = dialects.selectFrom(request.dialects());
        if (dialect == Smb2Dialect.NONE) {
            writer.writeError(channel, header, NtStatus.STATUS_NOT_SUPPORTED);
            return;
        }
        state.negotiated(dialect);
        state.clientSecurityMode(request.securityMode());
        responder.respond(channel, state, header.messageId(), header.credits(), dialect);
    }
}
