package io.cistern.web.stores;

import io.cistern.core.config.ConfiguredStore;
import io.cistern.core.model.AdminRole;
import io.cistern.core.service.StatusService;
import io.cistern.core.stats.LastStatistics;
import io.cistern.core.stats.StoreFigures;
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
 * The block store, read-only: the settings choose it when the server starts (CISTERN_STORE, CISTERN_S3_*), and
 * changing it while the server runs is not offered, so there is nothing here to write.
 */
@Path("v1/stores")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
@SecurityRequirement(name = "bearer")
@Tag(name = "stores")
public class StoresResource {
    @EJB
    private StatusService status;
    @EJB
    private LastStatistics statistics;

    @GET
    @Operation(summary = "The block store: kind, directory or S3 endpoint, bucket, prefix, region and addressing,"
            + " whether credentials are set (the access key id masked, the secret key never), the shares using it,"
            + " and its statistics", description = "admin, operator, viewer. One store per server: a list of one.")
    @APIResponse(responseCode = "200", description = "The stores",
            content = @Content(schema = @Schema(implementation = StoreView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<StoreView> list() {
        ConfiguredStore store = ConfiguredStore.fromSettings();
        // the statistics job names the store's row by the same kind
        StoreFigures figures = statistics.snapshot().stores().stream()
                .filter(row -> row.store().equals(store.kind())).findFirst().orElse(null);
        return List.of(StoreView.of(store, status.status().shares(), figures));
    }
}
