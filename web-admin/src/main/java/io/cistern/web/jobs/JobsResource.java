package io.cistern.web.jobs;

import io.cistern.batch.jobs.ExecutionView;
import io.cistern.batch.jobs.FindingView;
import io.cistern.batch.jobs.JobCatalog;
import io.cistern.batch.jobs.JobHistory;
import io.cistern.batch.jobs.JobView;
import io.cistern.core.audit.FindingKind;
import io.cistern.core.model.AdminRole;
import io.cistern.web.audit.AuditedChanges;
import io.cistern.web.auth.AllowedRoles;
import io.cistern.web.errors.ApiError;
import io.cistern.web.errors.ApiException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The batch jobs (audit, garbage collection, upload, and any other the job repository knows): their executions with
 * status, times, steps and progress, and the audit's findings. Everyone signed in reads them; admins and operators
 * start, stop and restart, and each such request is written to the audit log.
 */
@Path("v1/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR})
@SecurityRequirement(name = "bearer")
@Tag(name = "jobs")
@APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The caller's role may not do this", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class JobsResource {
    private static final String READ_ROLES_NOTE = "admin, operator, viewer";

    @EJB
    private JobCatalog catalog;
    @EJB
    private JobHistory history;
    @Inject
    private AuditedChanges audited;
    @Context
    private SecurityContext caller;

    @GET
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "Every batch job with its running and newest execution", description = READ_ROLES_NOTE)
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(schema = @Schema(implementation = JobView.class, type = SchemaType.ARRAY)))
    public List<JobView> list() {
        return history.jobs();
    }

    @GET
    @Path("{name}")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "One job with its running and newest execution", description = READ_ROLES_NOTE)
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JobView get(@PathParam("name") String name) {
        return JobErrors.answering(() -> history.job(name));
    }

    @GET
    @Path("{name}/executions")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "The job's executions, newest first, with status, times, exit status, steps and progress",
            description = READ_ROLES_NOTE)
    @APIResponse(responseCode = "200", description = "The executions",
            content = @Content(schema = @Schema(implementation = ExecutionView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "limit out of range", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such job", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<ExecutionView> executions(@PathParam("name") String name,
            @Parameter(description = "at most this many (1 to 500)") @QueryParam("limit") @DefaultValue("20") int limit) {
        requireLimit(limit);
        return JobErrors.answering(() -> history.executions(name, limit));
    }

    @GET
    @Path("{name}/executions/{id}")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "One execution with its steps and progress (as of its last checkpoint)",
            description = READ_ROLES_NOTE)
    @APIResponse(responseCode = "200", description = "The execution", content = @Content(schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "404", description = "No such job, or no such execution of it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ExecutionView execution(@PathParam("name") String name, @PathParam("id") long id) {
        return JobErrors.answering(() -> history.execution(name, id));
    }

    @POST
    @Path("{name}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the job", description = "The audit and garbage collection resume an interrupted"
            + " execution (failed, stopped, or cut short by a crash) with its own parameters instead of starting anew;"
            + " a start asking for other values of the parameters the job reads (the audit's repair, blocksPerChunk,"
            + " mbPerSecond; garbage collection's blocksPerChunk) is refused with 409 resume_conflict, whose field names"
            + " the parameter. The upload is started by the server.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "400", description = "A bad parameter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such job", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The job is running already, is not started by hand, or would resume an interrupted run with other parameters than asked", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response start(@PathParam("name") String name, JobRequests.Start body) {
        Map<String, String> parameters = parameters(name, body);
        ExecutionView started = audited.run(caller, "job.start", name, describe(parameters),
                () -> JobErrors.answering(() -> catalog.start(name, parameters)));
        return Response.accepted(started).location(UriBuilder.fromResource(JobsResource.class)
                .path(name).path("executions").path(Long.toString(started.id())).build()).build();
    }

    @POST
    @Path("{name}/executions/{id}/stop")
    @Operation(summary = "Stop a running execution", description = "It stops once the chunk in hand has committed;"
            + " one that a crash left marked running is marked FAILED.")
    @APIResponse(responseCode = "202", description = "Stopping", content = @Content(schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "404", description = "No such job, or no such execution of it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The execution is not running", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response stop(@PathParam("name") String name, @PathParam("id") long id) {
        ExecutionView stopping = audited.run(caller, "job.stop", name + "/" + id, null,
                () -> JobErrors.answering(() -> catalog.stop(name, id)));
        return Response.accepted(stopping).build();
    }

    @POST
    @Path("{name}/executions/{id}/restart")
    @Operation(summary = "Restart a failed or stopped execution from its checkpoints",
            description = "Only the newest execution of the job's newest run; the new execution keeps its parameters.")
    @APIResponse(responseCode = "202", description = "The new execution", content = @Content(schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "404", description = "No such job, or no such execution of it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Running, completed, not the newest, or not restarted by hand", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response restart(@PathParam("name") String name, @PathParam("id") long id) {
        ExecutionView restarted = audited.run(caller, "job.restart", name + "/" + id, null,
                () -> JobErrors.answering(() -> catalog.restart(name, id)));
        return Response.accepted(restarted).location(UriBuilder.fromResource(JobsResource.class)
                .path(name).path("executions").path(Long.toString(restarted.id())).build()).build();
    }

    @GET
    @Path("audit/findings")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "What an audit found, with the paths of the files each block serves",
            description = READ_ROLES_NOTE + ". The findings of one audit run: the execution given (or the newest) and"
                    + " the executions that restarted the same run, oldest first.")
    @APIResponse(responseCode = "200", description = "A page of findings",
            content = @Content(schema = @Schema(implementation = FindingView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A bad kind or limit", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such audit execution", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<FindingView> findings(
            @Parameter(description = "an execution of the audit run (default: the newest audit)") @QueryParam("execution") Long execution,
            @Parameter(description = "CORRUPT, MISSING, REFCOUNT_MISMATCH or ORPHAN (default: all)") @QueryParam("kind") String kind,
            @Parameter(description = "only findings after the one with this id (the next page)") @QueryParam("after") Long after,
            @Parameter(description = "at most this many (1 to 500)") @QueryParam("limit") @DefaultValue("100") int limit) {
        requireLimit(limit);
        FindingKind findingKind = kind(kind);
        return JobErrors.answering(() -> history.findings(execution, findingKind, after, limit));
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > JobHistory.MAX_PAGE) {
            throw ApiException.invalid("limit", "limit is between 1 and " + JobHistory.MAX_PAGE);
        }
    }

    private static FindingKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return FindingKind.valueOf(kind.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("kind", "kind is one of CORRUPT, MISSING, REFCOUNT_MISMATCH, ORPHAN");
        }
    }

    /** The job parameters of a start request; {@code repair} is the audit's parameter of that name. */
    private static Map<String, String> parameters(String job, JobRequests.Start body) {
        Map<String, String> parameters = new TreeMap<>();
        if (body != null && body.parameters != null) {
            parameters.putAll(body.parameters);
        }
        if (body != null && body.repair != null) {
            if (!JobCatalog.AUDIT.equals(job)) {
                throw ApiException.invalid("repair", "repair is a parameter of the audit only");
            }
            parameters.put("repair", body.repair.toString());
        }
        return parameters;
    }

    /** The parameters for the audit log: names and values, none of which is secret. */
    private static String describe(Map<String, String> parameters) {
        return parameters.isEmpty() ? null : parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" "));
    }
}
