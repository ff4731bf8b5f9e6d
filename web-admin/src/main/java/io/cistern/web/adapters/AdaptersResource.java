package io.cistern.web.adapters;

import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.core.model.AdminRole;
import io.cistern.core.service.StatusService;
import io.cistern.web.auth.AllowedRoles;
import io.cistern.web.errors.ApiError;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The NFS and SMB listeners, read-only. Enabling and disabling them is not offered: a resource adapter's listener
 * starts and stops with the adapter, and stopping it from here would be a redeployment, not a switch.
 */
@Path("v1/adapters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
@SecurityRequirement(name = "bearer")
@Tag(name = "adapters")
public class AdaptersResource {
    @EJB
    private StatusService status;
    @EJB
    private ProtocolMetrics metrics;

    @GET
    @Operation(summary = "Each protocol listener: state, bind address and port, since when, open connections",
            description = "admin, operator, viewer. SMB sessions are not reported apart from connections.")
    @APIResponse(responseCode = "200", description = "The adapters",
            content = @Content(schema = @Schema(implementation = AdapterView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<AdapterView> list() {
        return status.status().listeners().stream().map(listener -> AdapterView.of(listener,
                metrics.openConnections(listener.protocol().toLowerCase(Locale.ROOT)))).toList();
    }
}
