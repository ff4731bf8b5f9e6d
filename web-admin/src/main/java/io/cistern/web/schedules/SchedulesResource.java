package io.cistern.web.schedules;

import io.cistern.batch.schedule.JobScheduler;
import io.cistern.batch.schedule.ScheduleView;
import io.cistern.batch.schedule.UnknownJobException;
import io.cistern.core.model.AdminRole;
import io.cistern.core.schedule.InvalidScheduleException;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * When the maintenance jobs (stats, gc, audit) run: viewers read the schedules, admins and operators change them. A
 * change is stored as a setting and replaces the job's timer at once; the upload job has no schedule (it runs whenever
 * there is something to upload).
 */
@Path("v1/schedules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR})
@SecurityRequirement(name = "bearer")
@Tag(name = "schedules")
@APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The caller's role may not do this", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class SchedulesResource {
    @EJB
    private JobScheduler scheduler;
    @Inject
    private AuditedChanges audited;
    @Context
    private SecurityContext caller;

    @GET
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "Every scheduled job's schedule, next run and last fire")
    @APIResponse(responseCode = "200", description = "The schedules of stats, gc and audit",
            content = @Content(schema = @Schema(implementation = ScheduleView.class, type = SchemaType.ARRAY)))
    public List<ScheduleView> list() {
        return scheduler.list();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set several schedules at once", description = "All or nothing: a body such as"
            + " {\"gc\": \"0 2 * * *\", \"stats\": \"off\"}; every schedule is checked before any is stored.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT, example = "{\"gc\": \"0 2 * * *\"}",
            description = "job name to schedule")))
    @APIResponse(responseCode = "200", description = "Every job's schedule after the change",
            content = @Content(schema = @Schema(implementation = ScheduleView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A schedule does not parse; the error's field is its job, the"
            + " message names the cron field", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such scheduled job", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<ScheduleView> changeAll(Map<String, String> body) {
        if (body == null || body.isEmpty()) {
            throw ApiException.invalid("schedules", "give at least one job's schedule, e.g. {\"gc\": \"0 2 * * *\"}");
        }
        Map<String, String> sorted = new TreeMap<>(body);
        return audited.run(caller, "schedule.set", "schedules", sorted.toString(),
                () -> refusedAsApiErrors(() -> scheduler.changeAll(sorted, actor())));
    }

    @GET
    @Path("{job}")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "One job's schedule")
    @APIResponse(responseCode = "200", description = "The schedule", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "404", description = "No such scheduled job", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ScheduleView get(@PathParam("job") String job) {
        return refusedAsApiErrors(() -> scheduler.get(job));
    }

    @PUT
    @Path("{job}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set one job's schedule", description = "Stored, and the job's timer is replaced at once. A fire"
            + " while the job still runs is skipped.")
    @APIResponse(responseCode = "200", description = "The new schedule", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "400", description = "The schedule does not parse; the message names the cron field",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such scheduled job", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ScheduleView change(@PathParam("job") String job, ScheduleRequest body) {
        String expression = body == null ? null : body.schedule;
        return audited.run(caller, "schedule.set", job, expression,
                () -> refusedAsApiErrors(() -> scheduler.change(job, expression, actor())));
    }

    private String actor() {
        return caller.getUserPrincipal().getName();
    }

    /** The scheduler's refusals as the API's errors, so that the audit log records them with their code. */
    private static <T> T refusedAsApiErrors(Supplier<T> call) {
        try {
            return call.get();
        } catch (UnknownJobException e) {
            throw new ApiException(Response.Status.NOT_FOUND, "not_found", e.getMessage(), null);
        } catch (InvalidScheduleException e) {
            String field = e.field().equals("schedule") || isCronField(e.field()) ? "schedule" : e.field();
            throw ApiException.invalid(field, e.getMessage());
        }
    }

    private static boolean isCronField(String field) {
        return List.of("second", "minute", "hour", "dayOfMonth", "month", "dayOfWeek").contains(field);
    }
}
