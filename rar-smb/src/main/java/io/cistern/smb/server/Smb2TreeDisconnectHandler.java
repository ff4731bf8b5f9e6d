package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2TreeDisconnectRequest;
import io.cistern.smb.wire.Smb2TreeDisconnectResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.channel.Channel;
import java.util.function.Consumer;

/**
 * SMB2 TREE_DISCONNECT, [MS-SMB2] 3.3.5.8, for a request {@link SessionVerifier} has already put in its session
 * and tree connect (3.3.5.2.9, 3.3.5.2.11; an unknown TreeId has had STATUS_NETWORK_NAME_DELETED). The tree connect
 * leaves Session.TreeConnectTable, so every later request naming its TreeId gets STATUS_NETWORK_NAME_DELETED; its
 * opens are closed (3.3.5.8), with delete-on-close honoured. A body that is not a TREE_DISCONNECT request (2.2.11) gets
 * STATUS_INVALID_PARAMETER and leaves the tree connect as it was. Responses are signed as the session signs.
 */
final class Smb2TreeDisconnectHandler {
    private final Smb2ResponseWriter writer;
    private final Consumer<SmbOpen> closeOpen;

    Smb2TreeDisconnectHandler(Smb2ResponseWriter writer, Consumer<SmbOpen> closeOpen) {
        this.writer = writer;
        this.closeOpen = closeOpen;
    }

    void handle(Channel channel, SmbSession session, TreeConnect tree, Smb2Header header, WireReader body) {
        ResponseProtection protection = session.responseProtection(header.isSigned());
        try {
            Smb2TreeDisconnectRequest.decode(body);
        } catch (SmbWireException e) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER, protection);
            return;
        }
        session.trees().remove(tree.treeId());
        session.opens().removeTree(tree.treeId()).forEach(closeOpen);
        writer.write(channel, Smb2ResponseWriter.responseTo(header, NtStatus.STATUS_SUCCESS),
                Smb2TreeDisconnectResponse.INSTANCE::encode, protection);
    }
}
