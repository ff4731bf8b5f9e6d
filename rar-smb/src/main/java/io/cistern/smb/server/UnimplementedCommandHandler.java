package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.netty.channel.Channel;

/**
 * Every SMB2 command on a negotiated connection that has no handler yet. Answers what the spec says
 * for the state the server is really in:
 * <ul>
 * <li>CANCEL is never answered ([MS-SMB2] 3.3.5.16);</li>
 * <li>commands that need a session get STATUS_USER_SESSION_DELETED: no session exists, and 3.3.5.2.9 fails
 *     a request whose SessionId is not in Connection.SessionTable with exactly that status;</li>
 * <li>SESSION_SETUP and ECHO, which need no session, get STATUS_NOT_SUPPORTED: not implemented yet.</li>
 * </ul>
 * Requests before negotiation never get here: 3.3.5.2.2 disconnects them.
 */
final class UnimplementedCommandHandler {
    private final Smb2ResponseWriter writer;

    UnimplementedCommandHandler(Smb2ResponseWriter writer) {
        this.writer = writer;
    }

    void handle(Channel channel, Smb2Header header) {
        int command = header.command();
        if (command == Smb2Command.CANCEL) {
            return;
        }
        writer.writeError(channel, header, statusFor(command));
    }

    static int statusFor(int command) {
        return command == Smb2Command.SESSION_SETUP || command == Smb2Command.ECHO
                ? NtStatus.STATUS_NOT_SUPPORTED : NtStatus.STATUS_USER_SESSION_DELETED;
    }
}
