package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2EchoRequest;
import io.cistern.smb.wire.Smb2EchoResponse;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.channel.Channel;

/**
 * SMB2 ECHO, [MS-SMB2] 3.3.5.17: STATUS_SUCCESS with an ECHO response (2.2.29), or STATUS_INVALID_PARAMETER for a
 * body that is not an ECHO request (2.2.28). A request with a SessionId or a signature has first been put in its
 * session by {@link SessionVerifier}, as 3.3.5.17 requires, and is answered as the session signs; one with neither
 * needs no session and gets an unsigned answer. ECHO names no tree, so its TreeId is not checked.
 *
 * <p>3.3.5.17 says a server SHOULD disconnect when the connection has no session at all. This one answers
 * instead, as Samba does: an echo costs the server nothing, and clients use it as a keep-alive and liveness probe
 * before or between logons.
 */
final class Smb2EchoHandler {
    private final Smb2ResponseWriter writer;

    Smb2EchoHandler(Smb2ResponseWriter writer) {
        this.writer = writer;
    }

    /** @param session the request's session, or null for an unsigned ECHO with SessionId 0 */
    void handle(Channel channel, Smb2Header header, WireReader body, SmbSession session) {
        ResponseProtection protection = session == null ? null : session.responseProtection(header.isSigned());
        try {
            Smb2EchoRequest.decode(body);
        } catch (SmbWireException e) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER, protection);
            return;
        }
        writer.write(channel, Smb2ResponseWriter.responseTo(header, NtStatus.STATUS_SUCCESS),
                Smb2EchoResponse.INSTANCE::encode, protection);
    }
}
