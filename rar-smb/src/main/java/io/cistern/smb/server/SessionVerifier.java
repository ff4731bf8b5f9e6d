package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The checks that put a request in its session, and in its tree connect, before its command's handler sees it:
 * [MS-SMB2] 3.3.5.2.4 (Verifying the Signature), 3.3.5.2.9 (Verifying the Session) and 3.3.5.2.11 (Verifying the
 * Tree Connect). Every refusal is answered here.
 * <ul>
 * <li>a SessionId not in Connection.SessionTable (0 included): STATUS_USER_SESSION_DELETED;</li>
 * <li>SMB2_FLAGS_SIGNED with a signature that does not verify under Session.SessionKey, or on a session that
 *     has no key yet: STATUS_ACCESS_DENIED, unsigned, since the request's claim to the session is not
 *     trusted;</li>
 * <li>an unsigned request on a Valid session with Session.SigningRequired: STATUS_ACCESS_DENIED (signed, so
 *     that the client, which drops unsigned responses on such a session, sees it);</li>
 * <li>a request that came encrypted for its session needs no signature (3.3.5.2.4); an unencrypted one on a session
 *     with Session.EncryptData: STATUS_ACCESS_DENIED (3.3.5.2.9, RejectUnencryptedAccess), encrypted as the
 *     session answers;</li>
 * <li>a session still InProgress: only LOGOFF, CLOSE and LOCK go on (3.3.5.2.9); anything else gets the
 *     "implementation-specific" error, here STATUS_USER_SESSION_DELETED, since for that request there is
 *     no session yet;</li>
 * <li>a TreeId not in the session's Session.TreeConnectTable, on a command that works on a tree:
 *     STATUS_NETWORK_NAME_DELETED, signed as the session signs;</li>
 * <li>an unencrypted request on a tree whose share has Share.EncryptData: STATUS_ACCESS_DENIED (3.3.5.2.11,
 *     RejectUnencryptedAccess), signed as the session signs;</li>
 * <li>a request neither signed nor encrypted on a tree whose share requires signing: STATUS_ACCESS_DENIED, as
 *     3.3.5.2.4 refuses one on a session with Session.SigningRequired (the share's rule is Cistern's: MS-SMB2 knows
 *     signing per session only).</li>
 * </ul>
 */
final class SessionVerifier {
    private static final Logger LOG = Logger.getLogger(SessionVerifier.class.getName());
    private static final Set<Integer> ALLOWED_WHILE_IN_PROGRESS = Set.of(Smb2Command.LOGOFF, Smb2Command.CLOSE,
            Smb2Command.LOCK);

    private final Smb2ResponseWriter writer;

    SessionVerifier(Smb2ResponseWriter writer) {
        this.writer = writer;
    }

    /**
     * The request's session, or null once the request has been answered with an error.
     *
     * @param message   the whole request as received, for the signature
     * @param encrypted whether it arrived in a transform message of its session, which authenticates it
     */
    SmbSession verify(Channel channel, SmbConnectionState state, Smb2Header header, ByteBuf message,
                      boolean encrypted) {
        SmbSession session = state.sessions().find(header.sessionId());
        if (session == null) {
            writer.writeError(channel, header, NtStatus.STATUS_USER_SESSION_DELETED);
            return null;
        }
        if (!encrypted && session.isValid() && session.encryptionRequired()) {
            LOG.fine(() -> "unencrypted " + Smb2Command.name(header.command()) + " from " + channel.remoteAddress()
                    + " on a session that must be encrypted");
            writer.writeError(channel, header, NtStatus.STATUS_ACCESS_DENIED, session.responseProtection(false));
            return null;
        }
        if (!encrypted && !signatureAcceptable(channel, session, header, message)) {
            return null;
        }
        if (!session.isValid() && !ALLOWED_WHILE_IN_PROGRESS.contains(header.command())) {
            writer.writeError(channel, header, NtStatus.STATUS_USER_SESSION_DELETED);
            return null;
        }
        return session;
    }

    /**
     * The request's tree connect in {@code session} (3.3.5.2.11), or null once the request has been answered with
     * STATUS_NETWORK_NAME_DELETED. Only for commands that work on a tree: not for LOGOFF, TREE_CONNECT or ECHO.
     */
    TreeConnect verifyTree(Channel channel, SmbSession session, Smb2Header header, boolean encrypted) {
        TreeConnect tree = header.isAsync() ? null : session.trees().find(header.treeId());
        if (tree == null) {
            writer.writeError(channel, header, NtStatus.STATUS_NETWORK_NAME_DELETED,
                    session.responseProtection(header.isSigned()));
            return null;
        }
        if (!encrypted && tree.encryptData()) {
            LOG.fine(() -> "unencrypted " + Smb2Command.name(header.command()) + " from " + channel.remoteAddress()
                    + " on a tree of a share that requires encryption");
            writer.writeError(channel, header, NtStatus.STATUS_ACCESS_DENIED,
                    session.responseProtection(header.isSigned()));
            return null;
        }
        if (!encrypted && !header.isSigned() && tree.signingRequired()) {
            LOG.fine(() -> "unsigned " + Smb2Command.name(header.command()) + " from " + channel.remoteAddress()
                    + " on a tree of a share that requires signing");
            writer.writeError(channel, header, NtStatus.STATUS_ACCESS_DENIED, session.responseProtection(false));
            return null;
        }
        return tree;
    }

    /** The signature part alone, for SESSION_SETUP on an existing session; false once answered. */
    boolean signatureAcceptable(Channel channel, SmbSession session, Smb2Header header, ByteBuf message) {
        if (header.isSigned()) {
            if (session.verifySignature(message)) {
                return true;
            }
            LOG.fine(() -> "bad signature on " + Smb2Command.name(header.command()) + " from "
                    + channel.remoteAddress() + " for " + session);
            writer.writeError(channel, header, NtStatus.STATUS_ACCESS_DENIED);
            return false;
        }
        if (session.isValid() && session.signingRequired()) {
            LOG.fine(() -> "unsigned " + Smb2Command.name(header.command()) + " from " + channel.remoteAddress()
                    + " on a session that requires signing");
            writer.writeError(channel, header, NtStatus.STATUS_ACCESS_DENIED, session.responseProtection(false));
            return false;
        }
        return true;
    }
}
