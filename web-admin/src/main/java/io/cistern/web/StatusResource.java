package io.cistern.web;

import io.cistern.core.service.ServerStatus;
import io.cistern.core.service.StatusService;
import io.cistern.web.auth.PublicEndpoint;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public, read-only status: what a monitoring probe or the launcher needs, and nothing secret. */
@Path("v1/status")
@RequestScoped
@PublicEndpoint
@Tag(name = "status")
public class StatusResource {
    @EJB
    private StatusService statusService;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Version, uptime, shares and protocol listeners")
    @APIResponse(responseCode = "200", description = "The server's status")
    public ServerStatus status() {
        return statusService.status();
    }
}
