package io.cistern.web.clients;

import io.cistern.core.service.ClientConnection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One open client connection and what is known of who it is. */
@Schema(name = "Client")
public record ClientView(
        @Schema(example = "SMB", description = "NFS or SMB") String protocol,
        @Schema(example = "192.0.2.7", description = "The client's IP address") String address,
        @Schema(example = "50412", description = "The client's TCP port") int port,
        @Schema(description = "When the connection was accepted") Instant since,
        @Schema(description = "SMB: valid sessions on the connection; NFS: null") Integer sessions,
        @Schema(description = "SMB: the account names its sessions logged on as ((guest) or (anonymous) without an"
                + " account); NFS: empty") List<String> users,
        @Schema(description = "SMB: the shares its sessions have connected; NFS: empty") List<String> shares,
        @Schema(description = "NFS: the AUTH_SYS uid of its last call (null before one); SMB: null") Integer uid,
        @Schema(description = "NFS: the AUTH_SYS machine name of that call; SMB: null") String machineName,
        @Schema(description = "NFS: what the client's address mounted and did not unmount (MOUNT's list, advisory: a"
                + " client that crashed never unmounts); SMB: empty") List<String> exports) {

    /** The view of one connection, for {@code GET /clients} and the live activity frame alike. */
    public static ClientView of(ClientConnection client) {
        return new ClientView(client.protocol(), client.address(), client.port(), client.since(), client.sessions(),
                client.users(), client.shares(), client.uid(), client.machineName(), client.exports());
    }
}
