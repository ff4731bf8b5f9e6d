package io.cistern.web.settings;

import io.cistern.core.config.EffectiveSetting;
import io.cistern.core.config.EffectiveSettings;
import io.cistern.core.model.AdminRole;
import io.cistern.web.auth.AllowedRoles;
import io.cistern.web.errors.ApiError;
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
 * The settings in effect, read-only (they are read when the server starts). Viewers may not read them: paths, the
 * store's location and security switches are an operator's business.
 */
@Path("v1/settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR})
@SecurityRequirement(name = "bearer")
@Tag(name = "settings")
public class SettingsResource {
    @GET
    @Operation(summary = "Every CISTERN_* setting the application reads, with its value in effect",
            description = "admin, operator. Secrets (the initial admin password, the S3 secret key) are only 'set'"
                    + " or 'unset'; the S3 access key id is masked.")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(schema = @Schema(implementation = EffectiveSetting.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A viewer", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<EffectiveSetting> list() {
        return EffectiveSettings.all();
    }
}
