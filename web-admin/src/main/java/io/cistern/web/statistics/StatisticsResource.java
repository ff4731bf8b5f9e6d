package io.cistern.web.statistics;

import io.cistern.core.model.AdminRole;
import io.cistern.core.stats.LastStatistics;
import io.cistern.core.stats.StatisticsSnapshot;
import io.cistern.web.auth.AllowedRoles;
import io.cistern.web.errors.ApiError;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Storage statistics per share and per store, as the statistics job last computed them (each with its time): reading
 * them costs nothing, and they are as fresh as the job's schedule makes them (hourly by default).
 */
@Path("v1/statistics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
@SecurityRequirement(name = "bearer")
@Tag(name = "statistics")
public class StatisticsResource {
    @EJB
    private LastStatistics statistics;

    @GET
    @Operation(summary = "Space per share (logical, unique, files, blocks, dedup ratio) and per store (physical bytes,"
            + " blocks, referenced), with when each was computed", description = "Empty lists until the statistics job"
            + " has run once.")
    @APIResponse(responseCode = "200", description = "The statistics", content = @Content(schema = @Schema(implementation = StatisticsSnapshot.class)))
    @APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public StatisticsSnapshot statistics() {
        return statistics.snapshot();
    }
}
