package io.cistern.smb.server;

import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbShare;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2TreeConnectRequest;
import io.cistern.smb.wire.Smb2TreeConnectResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.channel.Channel;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * SMB2 TREE_CONNECT, [MS-SMB2] 3.3.5.7, for a request {@link SessionVerifier} has already put in its Valid session
 * (3.3.5.2.9).
 * <ul>
 * <li>a body that is not a TREE_CONNECT request (2.2.9), or a path not of the form {@code \\server\share}
 *     ({@link SharePath}): STATUS_INVALID_PARAMETER, as 3.3.5.7 requires;</li>
 * <li>IPC$, in any case: a pipe tree (SMB2_SHARE_TYPE_PIPE) made here without asking the application, since it is
 *     a protocol object rather than a share; no pipe can be opened on it yet;</li>
 * <li>any other share name: the application is asked on a request worker ({@link SmbListener#shareForTree}, a
 *     database read) with the session's account; no such share, or one the account may not use:
 *     STATUS_BAD_NETWORK_NAME. The server part of the path is ignored;</li>
 * <li>a guest or anonymous session (asked for with a null account) to a share that allows no guests:
 *     STATUS_ACCESS_DENIED; IPC$ is open to such sessions, as Windows and
 *     Samba keep it for share listings;</li>
 * <li>a share that requires encryption (Share.EncryptData) on a session that cannot encrypt (a 2.x dialect, or no
 *     cipher both sides have): STATUS_ACCESS_DENIED, as 3.3.5.7 asks;</li>
 * <li>a share that requires signing on a session that cannot sign (a guest or anonymous one, which has no key):
 *     STATUS_ACCESS_DENIED; a session that can sign connects, and its requests on the tree must then come signed
 *     or encrypted ({@link SessionVerifier#verifyTree});</li>
 * <li>success: a new entry of Session.TreeConnectTable under a nonzero TreeId, carried in the response's header,
 *     with SMB2_SHARE_TYPE_DISK; ShareFlags SMB2_SHAREFLAG_ENCRYPT_DATA on a share that requires encryption, from
 *     then on every request on the tree must come encrypted ({@link SessionVerifier#verifyTree}) and its responses
 *     go encrypted as the session's do once the client encrypts; no other ShareFlags and Capabilities 0, since
 *     none of what they announce (DFS, continuous availability, scale-out, caching policies other than manual) is
 *     implemented; MaximalAccess
 *     {@link AccessMask#READ_AND_EXECUTE} on a read-only share, {@link AccessMask#ALL_FILE_RIGHTS} otherwise and
 *     on IPC$ (whose pipes will decide for themselves);</li>
 * <li>the session's maximum of tree connects ({@link TreeConnectTable#MAX_TREES}), or no worker free:
 *     STATUS_INSUFFICIENT_RESOURCES; the application failing: STATUS_INTERNAL_ERROR; the session logged off while
 *     the application was asked: STATUS_USER_SESSION_DELETED.</li>
 * </ul>
 * Responses are signed as the session signs ({@link SmbSession#responseProtection}).
 */
final class Smb2TreeConnectHandler {
    private static final Logger LOG = Logger.getLogger(Smb2TreeConnectHandler.class.getName());
    /** NNLEN: no share name is longer, so a longer one is answered without a database read. */
    static final int MAX_SHARE_NAME_LENGTH = 80;

    private final SmbRequestExecutor executor;
    private final Smb2ResponseWriter writer;

    /** One TREE_CONNECT on its way through a worker and back. */
    private record Lookup(Channel channel, SmbConnectionState state, SmbSession session, Smb2Header request,
                          SharePath path) {
    }

    Smb2TreeConnectHandler(SmbRequestExecutor executor, Smb2ResponseWriter writer) {
        this.executor = executor;
        this.writer = writer;
    }

    void handle(Channel channel, SmbConnectionState state, SmbSession session, Smb2Header header, WireReader body) {
        ResponseProtection protection = session.responseProtection(header.isSigned());
        SharePath path;
        try {
            path = SharePath.parse(Smb2TreeConnectRequest.decode(body).path());
        } catch (SmbWireException e) {
            path = null;
        }
        if (path == null) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER, protection);
        } else if (path.isIpc()) {
            connect(channel, session, header, null, Smb2TreeConnectResponse.SHARE_TYPE_PIPE);
        } else if (path.share().length() > MAX_SHARE_NAME_LENGTH) {
            writer.writeError(channel, header, NtStatus.STATUS_BAD_NETWORK_NAME, protection);
        } else {
            Lookup lookup = new Lookup(channel, state, session, header, path);
            SmbCaller caller = new SmbCaller(NegotiateResponder.clientAddress(channel));
            String account = session.isGuest() ? null : session.account().username();
            if (!executor.submit(listener -> runLookup(lookup, caller, account, listener))) {
                writer.writeError(channel, header, NtStatus.STATUS_INSUFFICIENT_RESOURCES, protection);
            }
        }
    }

    /** On a request worker: the application's answer, then back to the event loop with it. */
    private void runLookup(Lookup lookup, SmbCaller caller, String account, SmbListener listener) {
        Optional<SmbShare> share;
        try {
            share = listener.shareForTree(caller, account, lookup.path().share());
        } catch (RuntimeException e) {
            EventLoopHandOff.run(lookup.channel(), () -> refuse(lookup, NtStatus.STATUS_INTERNAL_ERROR));
            // rethrown so that the worker logs it and takes a fresh endpoint
            throw new IllegalStateException("TREE_CONNECT from " + caller.client() + " failed", e);
        }
        EventLoopHandOff.run(lookup.channel(), () -> finish(lookup, share));
    }

    private void finish(Lookup lookup, Optional<SmbShare> share) {
        if (!lookup.state().sessions().holds(lookup.session())) {
            // logged off, or the connection closed, while the application was asked; its keys are gone
            writer.writeError(lookup.channel(), lookup.request(), NtStatus.STATUS_USER_SESSION_DELETED);
        } else if (share.isEmpty()) {
            LOG.fine(() -> "TREE_CONNECT to unknown share '" + Smb2SessionSetupHandler.printable(lookup.path().share())
                    + "' from " + lookup.channel().remoteAddress());
            refuse(lookup, NtStatus.STATUS_BAD_NETWORK_NAME);
        } else if (lookup.session().isGuest() && !share.get().allowsGuests()) {
            LOG.fine(() -> "TREE_CONNECT of a guest session to share '" + share.get().name()
                    + "', which allows no guests, from " + lookup.channel().remoteAddress());
            refuse(lookup, NtStatus.STATUS_ACCESS_DENIED);
        } else if (share.get().encryptionRequired() && !lookup.session().canEncrypt()) {
            LOG.fine(() -> "TREE_CONNECT to share '" + share.get().name() + "', which requires encryption, from "
                    + lookup.channel().remoteAddress() + " on a session that cannot encrypt");
            refuse(lookup, NtStatus.STATUS_ACCESS_DENIED);
        } else if (share.get().signingRequired() && !lookup.session().canSign()) {
            LOG.fine(() -> "TREE_CONNECT to share '" + share.get().name() + "', which requires signing, from "
                    + lookup.channel().remoteAddress() + " on a session that cannot sign");
            refuse(lookup, NtStatus.STATUS_ACCESS_DENIED);
        } else {
            connect(lookup.channel(), lookup.session(), lookup.request(), share.get(),
                    Smb2TreeConnectResponse.SHARE_TYPE_DISK);
        }
    }

    private void refuse(Lookup lookup, int status) {
        SmbSession session = lookup.session();
        ResponseProtection protection = lookup.state().sessions().holds(session)
                ? session.responseProtection(lookup.request().isSigned()) : null;
        writer.writeError(lookup.channel(), lookup.request(), status, protection);
    }

    /** Adds the tree connect and answers with its TreeId; {@code share} is null for IPC$. */
    private void connect(Channel channel, SmbSession session, Smb2Header request, SmbShare share, int shareType) {
        int maximalAccess = share != null && share.readOnly() ? AccessMask.READ_AND_EXECUTE : AccessMask.ALL_FILE_RIGHTS;
        ResponseProtection protection = session.responseProtection(request.isSigned());
        TreeConnect tree = session.trees().add(share, shareType, maximalAccess);
        if (tree == null) {
            writer.writeError(channel, request, NtStatus.STATUS_INSUFFICIENT_RESOURCES, protection);
            return;
        }
        Smb2Header response = Smb2ResponseWriter.responseTo(request, NtStatus.STATUS_SUCCESS).withTreeId(tree.treeId());
        int shareFlags = tree.encryptData() ? Smb2TreeConnectResponse.SHAREFLAG_ENCRYPT_DATA : 0;
        writer.write(channel, response, new Smb2TreeConnectResponse(shareType, shareFlags, 0, maximalAccess)::encode,
                protection);
    }
}
