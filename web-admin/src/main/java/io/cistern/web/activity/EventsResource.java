package io.cistern.web.activity;

import io.cistern.core.model.AdminRole;
import io.cistern.web.auth.AllowedRoles;
import io.cistern.web.errors.ApiError;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The live view: transfers in flight, open connections (counted and listed), the listeners, the upload queue and
 * running jobs, as a server-sent event stream (one {@code activity} event a second) or as one frame. The stream takes
 * the access token in the Authorization header like every endpoint, never in the URL, so a browser reads it with
 * {@code fetch}, not {@code EventSource}.
 */
@Path("v1/events")
@RequestScoped
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
@SecurityRequirement(name = "bearer")
@Tag(name = "activity")
public class EventsResource {
    @Inject
    private LiveActivityFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live activity as server-sent events", description = "An `activity` event about every second,"
            + " whose data is an ActivityFrame in JSON: the transfers in flight, the open connections per protocol and"
            + " one by one (the list of GET /api/v1/clients, up to 2 s behind the adapters) with those opened and"
            + " closed since the previous frame the subscriber got, the NFS and SMB listeners (the list of GET"
            + " /api/v1/adapters: switch, state, address, connections, sessions), the upload queue and the batch jobs"
            + " running. A client too slow for a frame misses it rather than falling behind; the next one's opened and"
            + " closed still count from the last one it got.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = ActivityFrame.class)))
    @APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        feed.subscribe(sink, sse);
    }

    @GET
    @Path("now")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The live activity frame at this moment")
    @APIResponse(responseCode = "200", description = "One frame", content = @Content(schema = @Schema(implementation = ActivityFrame.class)))
    @APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ActivityFrame now() {
        return feed.frame();
    }
}
