package io.cistern.smb.server;

import io.cistern.smb.crypto.PreauthIntegrityHash;
import io.cistern.smb.crypto.Smb2Cipher;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2NegotiateContext;
import io.cistern.smb.wire.Smb2NegotiateRequest;
import io.cistern.smb.wire.Smb2NegotiateResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.security.SecureRandom;

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
 * A failed NEGOTIATE leaves the connection unnegotiated, so the client may try again. For 3.1.1 the negotiate
 * contexts decide the pre-authentication hash, cipher and signing algorithm ({@link ContextNegotiation}), and the
 * request is the first message of the connection's pre-authentication integrity hash.
 */
final class Smb2NegotiateHandler {
    private final SupportedDialects dialects;
    private final NegotiateResponder responder;
    private final Smb2ResponseWriter writer;
    private final SecureRandom random;

    Smb2NegotiateHandler(SupportedDialects dialects, NegotiateResponder responder, Smb2ResponseWriter writer,
                         SecureRandom random) {
        this.dialects = dialects;
        this.responder = responder;
        this.writer = writer;
        this.random = random;
    }

    /** Handles the request whose body starts at the reader's position; {@code message} is all of it. */
    void handle(Channel channel, SmbConnectionState state, Smb2Header header, WireReader body, ByteBuf message) {
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
        ContextNegotiation.Outcome contexts = null;
        if (dialect == Smb2Dialect.SMB_3_1_1) {
            contexts = negotiateContexts(request);
            if (!contexts.accepted()) {
                writer.writeError(channel, header, contexts.status());
                return;
            }
            PreauthIntegrityHash hash = new PreauthIntegrityHash();
            hash.update(message);
            state.negotiated311(contexts.cipher(), contexts.signing(), hash);
        }
        boolean encrypts30 = NegotiateResponder.ENCRYPTS
                && (dialect == Smb2Dialect.SMB_3_0 || dialect == Smb2Dialect.SMB_3_0_2)
                && (request.capabilities() & Smb2NegotiateResponse.CAP_ENCRYPTION) != 0;
        if (encrypts30) {
            state.encryptsWith(Smb2Cipher.AES_128_CCM);      // 3.0 and 3.0.2 have this cipher only
        }
        state.negotiated(dialect);
        state.clientSecurityMode(request.securityMode());
        state.client(request.capabilities(), request.clientGuid(), request.dialects());
        responder.respond(channel, state, header.messageId(), header.credits(), dialect, contexts,
                encrypts30 ? Smb2NegotiateResponse.CAP_ENCRYPTION : 0);
    }

    private ContextNegotiation.Outcome negotiateContexts(Smb2NegotiateRequest request) {
        try {
            return ContextNegotiation.choose(Smb2NegotiateContext.readList(request.negotiateContextList(),
                    request.negotiateContextCount()), NegotiateResponder.ENCRYPTS, random);
        } catch (SmbWireException e) {
            return ContextNegotiation.Outcome.refused(NtStatus.STATUS_INVALID_PARAMETER);
        }
    }
}
