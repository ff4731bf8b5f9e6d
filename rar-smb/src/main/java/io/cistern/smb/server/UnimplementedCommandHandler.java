package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Header;
import io.netty.channel.Channel;

/**
 * Every SMB2 command on a negotiated connection that has no handler yet: STATUS_NOT_SUPPORTED, signed when the
 * session signs ({@link SmbSession#responseProtection}). These commands all work on a tree, so they reach it only after
 * {@link SessionVerifier} found their session (3.3.5.2.9 answers the others with STATUS_USER_SESSION_DELETED) and
 * their tree connect (3.3.5.2.11, STATUS_NETWORK_NAME_DELETED). CANCEL is never answered (3.3.5.16) and does not
 * get here.
 */
final class UnimplementedCommandHandler {
    private final Smb2ResponseWriter writer;

    UnimplementedCommandHandler(Smb2ResponseWriter writer) {
        this.writer = writer;
    }

    void handle(Channel channel, Smb2Header header, SmbSession session) {
        writer.writeError(channel, header, NtStatus.STATUS_NOT_SUPPORTED, session.responseProtection(header.isSigned()));
    }
}
