package io.cistern.web.settings;

import io.cistern.core.config.EffectiveSetting;
import io.cistern.core.config.EffectiveSettings;
import io.cistern.core.config.RuntimeSettings;
import io.cistern.core.config.SettingChange;
import io.cistern.core.config.SettingException;
import io.cistern.core.model.AdminRole;
import io.cistern.web.audit.AuditedChanges;
import io.cistern.web.auth.AllowedRoles;
import io.cistern.web.errors.ApiError;
import io.cistern.web.errors.ApiException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The settings in effect, the few that change while the server runs, and the start-only ones an admin changes for
 * the next start. Viewers may not read them: paths, the store's location and security switches are an operator's
 * business; only admins change them, since they include the SMB security switches and the admin API's own address.
 */
@Path("v1/settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR})
@SecurityRequirement(name = "bearer")
@Tag(name = "settings")
@APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class SettingsResource {
    @EJB
    private RuntimeSettings runtime;
    @Inject
    private AuditedChanges audited;
    @Context
    private SecurityContext caller;

    @GET
    @Operation(summary = "Every CISTERN_* setting the server reads, with its value in effect",
            description = "admin, operator. Each with its source (default, environment or override), whether it can"
                    + " change at run time (runtime) or through the API at all (changeable), what a change reaches"
                    + " (takesEffect: for a start-only setting 'the next start') and, for a start-only setting changed"
                    + " since the server started, the value the next start will use (pendingRestart; 'unset' when it"
                    + " will be unset). Secrets (the initial admin password, the S3 secret key, the TLS keystore"
                    + " password) are only 'set' or 'unset'; the S3 access key id is masked.")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(schema = @Schema(implementation = EffectiveSetting.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "403", description = "A viewer", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<EffectiveSetting> list() {
        return EffectiveSettings.all();
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(AdminRole.ADMIN)
    @Operation(summary = "Change settings, at run time or for the next start", description = "admin. A JSON merge"
            + " patch of setting names to values, e.g. {\"CISTERN_SMB_SIGNING_REQUIRED\": \"true\", \"CISTERN_LOG_LEVEL\":"
            + " \"FINE\"}; null removes the override, so that the environment's value or the default counts again."
            + " An override wins over the environment. All or nothing: every value is checked before any is stored."
            + " A runtime setting's override is stored in the database and takes effect without a restart (each"
            + " setting's takesEffect says what it reaches). A start-only setting (ports, bind addresses, HTTPS port"
            + " and keystore, JVM options, thread counts, ready timeout, journal capacity, cache size, NLM grace,"
            + " default schedules) is checked as the next start would check it (ports in range, distinct and free,"
            + " addresses of this machine, JVM options the JVM starts with, a keystore that opens) and stored in the"
            + " data directory (start-settings.properties); the launcher applies it at the next start, and GET shows it"
            + " as pendingRestart until then. The data directory, the database, secrets, the block store and single"
            + " sign-on cannot be changed here (not_changeable). The audit log records old and new values.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT,
            example = "{\"CISTERN_SMB_SIGNING_REQUIRED\": \"true\", \"CISTERN_NFS_PORT\": \"2049\"}",
            description = "setting name to new value, or null to remove the override")))
    @APIResponse(responseCode = "200", description = "Every setting after the change",
            content = @Content(schema = @Schema(implementation = EffectiveSetting.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A bad value, also one the next start would refuse (code"
            + " invalid_value), a setting that cannot be changed through the API: the data directory, the database,"
            + " a secret, the store, single sign-on (not_changeable), or no such setting (unknown_setting); the"
            + " error's field names the setting",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "An operator or a viewer", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<EffectiveSetting> change(Map<String, Object> body) {
        audited.runDescribed(caller, "settings.change", "settings", () -> refusedAsApiErrors(texts(body)),
                changes -> changes.stream().map(SettingChange::describe).collect(Collectors.joining("; ")));
        return EffectiveSettings.all();
    }

    private List<SettingChange> refusedAsApiErrors(Map<String, String> body) {
        try {
            return runtime.change(body, caller.getUserPrincipal().getName());
        } catch (SettingException e) {
            throw new ApiException(Response.Status.BAD_REQUEST, e.code(), e.getMessage(), e.setting());
        }
    }

    /** JSON strings, numbers and booleans as the text the settings take ("true", "200"); null stays null. */
    private static Map<String, String> texts(Map<String, Object> body) {
        if (body == null) {
            return Map.of();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            Object value = entry.getValue();
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new ApiException(Response.Status.BAD_REQUEST, "invalid_value", entry.getKey()
                        + " takes a string, a number, true or false, or null", entry.getKey());
            }
            texts.put(entry.getKey(), value == null ? null : value.toString());
        }
        return texts;
    }
}
