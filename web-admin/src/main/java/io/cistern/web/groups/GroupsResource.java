package io.cistern.web.groups;

import io.cistern.core.accounts.GroupService;
import io.cistern.core.accounts.GroupView;
import io.cistern.core.model.AdminRole;
import io.cistern.web.audit.AuditedChanges;
import io.cistern.web.auth.AllowedRoles;
import io.cistern.web.errors.ApiError;
import io.cistern.web.errors.ApiException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Groups and their supplementary members: admins change them; operators and viewers read them. */
@Path("v1/groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles(AdminRole.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "groups")
@APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The caller's role may not do this", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class GroupsResource {
    @EJB
    private GroupService groups;
    @Inject
    private AuditedChanges audited;
    @Context
    private SecurityContext caller;

    /** The body of a new group. */
    @Schema(name = "NewGroup")
    public static class NewGroup {
        @Schema(required = true, maxLength = 32, description = "no '/', '\\\\', ':' or control characters; unique ignoring case")
        public String name;
        @Schema(description = "explicit gid; omitted: the lowest free one from 1000")
        public Integer gid;
    }

    @GET
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "All groups with their members, by name")
    @APIResponse(responseCode = "200", description = "The groups",
            content = @Content(schema = @Schema(implementation = GroupView.class, type = SchemaType.ARRAY)))
    public List<GroupView> list() {
        return groups.list();
    }

    @GET
    @Path("{name}")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "One group with its members")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "404", description = "No such group", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public GroupView get(@PathParam("name") String name) {
        return groups.get(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a group")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", description = "A field breaks the rules; the error names it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The name (ignoring case) or the gid is taken", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(NewGroup body) {
        if (body == null) {
            throw ApiException.invalid("name", "a name is required");
        }
        GroupView created = audited.run(caller, "group.create", body.name, null, () -> groups.create(body.name, body.gid));
        return Response.created(UriBuilder.fromResource(GroupsResource.class).path(created.name()).build())
                .entity(created).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a group", description = "Files keep its gid; members lose it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such group", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "It is some user's primary group", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response delete(@PathParam("name") String name) {
        audited.run(caller, "group.delete", name, null, () -> {
            groups.delete(name);
            return null;
        });
        return Response.noContent().build();
    }

    @PUT
    @Path("{name}/members/{username}")
    @Operation(summary = "Make a user a member of the group (nothing changes when it is one already)")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "404", description = "No such group or user", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public GroupView addMember(@PathParam("name") String name, @PathParam("username") String username) {
        return audited.run(caller, "group.member.add", name, "user " + username,
                () -> groups.addMember(name, username));
    }

    @DELETE
    @Path("{name}/members/{username}")
    @Operation(summary = "Remove a user from the group")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "404", description = "No such group or user, or not a member", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public GroupView removeMember(@PathParam("name") String name, @PathParam("username") String username) {
        return audited.run(caller, "group.member.remove", name, "user " + username,
                () -> groups.removeMember(name, username));
    }
}
