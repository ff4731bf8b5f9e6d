package io.cistern.web.audit;

import io.cistern.core.accounts.AuditEntry;
import io.cistern.core.accounts.AuditTrail;
import io.cistern.core.model.AdminRole;
import io.cistern.web.auth.AllowedRoles;
import io.cistern.web.errors.ApiError;
import io.cistern.web.errors.ApiException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log: every change made through the API and every login, newest first. */
@Path("v1/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles(AdminRole.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "audit")
public class AuditResource {
    @EJB
    private AuditTrail audit;

    @GET
    @Operation(summary = "Audit events, newest first")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = @Content(schema = @Schema(implementation = AuditEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "limit out of range", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<AuditEntry> list(
            @Parameter(description = "at most this many (1 to 500)") @QueryParam("limit") @DefaultValue("100") int limit,
            @Parameter(description = "only events older than the one with this id (the next page)")
            @QueryParam("before") Long before) {
        if (limit < 1 || limit > AuditTrail.MAX_PAGE) {
            throw ApiException.invalid("limit", "limit is between 1 and " + AuditTrail.MAX_PAGE);
        }
        return audit.list(before, limit);
    }
}
