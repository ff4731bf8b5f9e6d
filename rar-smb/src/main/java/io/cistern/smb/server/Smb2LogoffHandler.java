package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2LogoffRequest;
import io.cistern.smb.wire.Smb2LogoffResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.channel.Channel;

/**
 * SMB2 LOGOFF, [MS-SMB2] 3.3.5.6, for a request {@link SessionVerifier} has already put in its session (so an
 * unknown SessionId has had STATUS_USER_SESSION_DELETED, 3.3.5.2.9). The session leaves Connection.SessionTable
 * and its keys are wiped and its tree connects dropped; every later request naming it gets
 * STATUS_USER_SESSION_DELETED. Its opens are closed, delete-on-close honoured ({@link SessionTable#remove}). The response is signed like any other of the session (with the key taken
 * before it is wiped), since the client verifies it against the session it still holds.
 * A body that is not a LOGOFF request (2.2.7) gets STATUS_INVALID_PARAMETER and leaves the session as it was.
 */
final class Smb2LogoffHandler {
    private final Smb2ResponseWriter writer;

    Smb2LogoffHandler(Smb2ResponseWriter writer) {
        this.writer = writer;
    }

    void handle(Channel channel, SmbConnectionState state, SmbSession session, Smb2Header header, WireReader body) {
        ResponseProtection protection = session.responseProtection(header.isSigned());
        try {
            Smb2LogoffRequest.decode(body);
        } catch (SmbWireException e) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER, protection);
            return;
        }
        state.sessions().remove(session);
        Smb2Header response = Smb2Header.response(Smb2Command.LOGOFF, header.messageId(), NtStatus.STATUS_SUCCESS,
                Smb2ResponseWriter.creditsGranted(header.credits()), session.sessionId());
        writer.write(channel, response, Smb2LogoffResponse.INSTANCE::encode, protection);
    }
}
