package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Header;
import io.netty.channel.Channel;

/**
 * Every SMB2 command on a negotiated connection that has no handler yet: STATUS_NOT_SUPPORTED, signed when the
 * session signs ({@link SmbSession#responseSigner}). Commands that need a session reach it only after
 * {@link SessionVerifier} found one (3.3.5.2.9 answers the others with STATUS_USER_SESSION_DELETED); ECHO,
 * which 3.3.5.17 lets through without a session, may come with none. CANCEL is never answered (3.3.5.16) and
 * does not get here.
 */
final class UnimplementedCommandHandler {
    private final Smb2ResponseWriter writer;

    UnimplementedCommandHandler(Smb2ResponseWriter writer) {
        this.writer = writer;
    }

    /** @param session the request's session, or null for a sessionless ECHO */
    void handle(Channel channel, Smb2Header header, SmbSession session) {
        writer.writeError(channel, header, NtStatus.STATUS_NOT_SUPPORTED,
                session == null ? null : session.responseSigner(header.isSigned()));
    }
}
