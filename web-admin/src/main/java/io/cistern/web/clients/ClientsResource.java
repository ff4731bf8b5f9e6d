package io.cistern.web.clients;

import io.cistern.core.model.AdminRole;
import io.cistern.core.service.ConnectedClients;
import io.cistern.web.auth.AllowedRoles;
import io.cistern.web.errors.ApiError;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The open NFS and SMB connections, one entry each, as the adapters last reported them (every 2 s when something
 * changed, in the same report as the connection counts of {@code GET adapters} and the metrics).
 */
@Path("v1/clients")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
@SecurityRequirement(name = "bearer")
@Tag(name = "clients")
public class ClientsResource {
    @EJB
    private ConnectedClients clients;

    @GET
    @Operation(summary = "Every open client connection: protocol, address and port, since when, and who it is",
            description = "admin, operator, viewer. SMB: the sessions' user names and tree-connected shares; NFS: the"
                    + " AUTH_SYS uid and machine name last seen and what the client's address mounted. Up to 2 s"
                    + " behind the adapters; at most 1000 connections per protocol.")
    @APIResponse(responseCode = "200", description = "The connections, oldest first",
            content = @Content(schema = @Schema(implementation = ClientView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<ClientView> list() {
        return clients.clients().stream().map(ClientView::of).toList();
    }
}
