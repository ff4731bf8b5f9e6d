package io.cistern.web.adapters;

import io.cistern.core.model.AdminRole;
import io.cistern.core.service.ListenerRegistry;
import io.cistern.core.service.ListenerSwitches;
import io.cistern.web.audit.AuditedChanges;
import io.cistern.web.auth.AllowedRoles;
import io.cistern.web.errors.ApiError;
import io.cistern.web.errors.ApiException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The NFS and SMB listeners: everyone reads them, admins switch them off and on. The switch is stored (it survives
 * a restart) and the adapter, which owns its sockets, asks for it every second: off closes the listening socket and
 * every connection of the protocol (for NFS every socket of the adapter: NFS, MOUNT, NLM and NSM over TCP and UDP,
 * and the portmapper), on binds the same address and port again.
 */
@Path("v1/adapters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
@SecurityRequirement(name = "bearer")
@Tag(name = "adapters")
@APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class AdaptersResource {
    @EJB
    private ListenerSwitches switches;
    @Inject
    private AdapterViews views;
    @Inject
    private AuditedChanges audited;
    @Context
    private SecurityContext caller;

    @GET
    @Operation(summary = "Each protocol listener: whether it is wanted, state, bind address and port, since when, open"
            + " connections, SMB sessions", description = "admin, operator, viewer.")
    @APIResponse(responseCode = "200", description = "The adapters, NFS then SMB",
            content = @Content(schema = @Schema(implementation = AdapterView.class, type = SchemaType.ARRAY)))
    public List<AdapterView> list() {
        return views.all();
    }

    @PUT
    @Path("{protocol}")
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(AdminRole.ADMIN)
    @Operation(summary = "Switch a listener off or on", description = "admin. Stored at once, so that it survives a"
            + " restart; the adapter follows within about a second (the answer's state may still be the old one)."
            + " Off refuses new connections and closes the open ones of that protocol; for NFS every socket of the"
            + " adapter closes, the portmapper's included. On binds the same address and port again. Audited as"
            + " adapter.enable or adapter.disable (adapter.switch for a body without a boolean).")
    @RequestBody(content = @Content(schema = @Schema(implementation = AdapterSwitch.class)))
    @APIResponse(responseCode = "200", description = "The adapter with its new switch",
            content = @Content(schema = @Schema(implementation = AdapterView.class)))
    @APIResponse(responseCode = "400", description = "The body has no boolean 'enabled' (field: enabled)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such protocol (nfs or smb)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public AdapterView change(@Parameter(description = "nfs or smb", example = "smb") @PathParam("protocol") String protocol,
                              Map<String, Object> body) {
        Object enabled = body == null ? null : body.get("enabled");
        String action = Boolean.FALSE.equals(enabled) ? "adapter.disable"
                : Boolean.TRUE.equals(enabled) ? "adapter.enable" : "adapter.switch";
        return audited.run(caller, action, protocol, "enabled=" + (enabled instanceof Boolean ? enabled : "invalid"), () -> {
            String known = knownProtocol(protocol);
            if (!(enabled instanceof Boolean wanted)) {
                throw ApiException.invalid("enabled", "give {\"enabled\": true} or {\"enabled\": false}");
            }
            switches.set(known, wanted, caller.getUserPrincipal().getName());
            return views.of(known);
        });
    }

    private static String knownProtocol(String protocol) {
        String upper = protocol.toUpperCase(Locale.ROOT);
        if (!upper.equals(ListenerRegistry.NFS) && !upper.equals(ListenerRegistry.SMB)) {
            throw new ApiException(Response.Status.NOT_FOUND, "not_found", "no adapter '" + protocol
                    + "': nfs or smb", null);
        }
        return upper;
    }
}
