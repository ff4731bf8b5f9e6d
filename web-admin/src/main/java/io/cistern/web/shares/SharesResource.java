package io.cistern.web.shares;

import io.cistern.core.model.AdminRole;
import io.cistern.core.model.PrincipalKind;
import io.cistern.core.shares.PermissionView;
import io.cistern.core.shares.SharePermissionService;
import io.cistern.core.shares.ShareService;
import io.cistern.core.shares.ShareView;
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
import jakarta.ws.rs.PATCH;
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

/** Shares and their per-user and per-group permissions: admins and operators change them; viewers read them. */
@Path("v1/shares")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR})
@SecurityRequirement(name = "bearer")
@Tag(name = "shares")
@APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The caller's role may not do this", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class SharesResource {
    @EJB
    private ShareService shares;
    @EJB
    private SharePermissionService permissions;
    @Inject
    private AuditedChanges audited;
    @Context
    private SecurityContext caller;

    @GET
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "All shares with their options and permissions, by name")
    @APIResponse(responseCode = "200", description = "The shares",
            content = @Content(schema = @Schema(implementation = ShareView.class, type = SchemaType.ARRAY)))
    public List<ShareView> list() {
        return shares.list();
    }

    @GET
    @Path("{name}")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "One share, found by name ignoring case")
    @APIResponse(responseCode = "200", description = "The share", content = @Content(schema = @Schema(implementation = ShareView.class)))
    @APIResponse(responseCode = "404", description = "No such share", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ShareView get(@PathParam("name") String name) {
        return shares.get(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a share with its top directory", description = "NFS exports it as /name, SMB as \\\\server\\name.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ShareView.class)))
    @APIResponse(responseCode = "400", description = "A field breaks the rules; the error names it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The name is taken (ignoring case)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(ShareRequests.NewShare body) {
        if (body == null) {
            throw ApiException.invalid("name", "a name is required");
        }
        ShareView created = audited.run(caller, "share.create", body.name, createdFields(body),
                () -> shares.create(body.name, body.settings()));
        return Response.created(UriBuilder.fromResource(SharesResource.class).path(created.name()).build())
                .entity(created).build();
    }

    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a share's options or rename it", description = "New connections see the change at"
            + " once. With name, the share is renamed: its files, options and permissions stay, NFS file handles stay"
            + " valid, new NFS mounts and SMB tree connects (and the SMB share list) use the new name, and the old"
            + " name is gone (404).")
    @APIResponse(responseCode = "200", description = "The changed share", content = @Content(schema = @Schema(implementation = ShareView.class)))
    @APIResponse(responseCode = "400", description = "A field breaks the rules; the error names it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such share", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The new name is another share's (ignoring case), field name;"
            + " or a new store for a share that holds files (not_empty, field store)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ShareView update(@PathParam("name") String name, ShareRequests.Update body) {
        if (body == null || body.isEmpty()) {
            throw ApiException.invalid("readOnly", "a change is required");
        }
        String detail = (body.name == null ? "" : "name=" + body.name + " ") + changedFields(body);
        return audited.run(caller, "share.update", name, detail.trim(),
                () -> shares.update(name, body.name, body.settings()));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete an empty share", description = "A share that still holds files or directories is never deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such share", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The share is not empty", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response delete(@PathParam("name") String name) {
        audited.run(caller, "share.delete", name, null, () -> {
            shares.delete(name);
            return null;
        });
        return Response.noContent().build();
    }

    @GET
    @Path("{name}/permissions/{kind: users|groups}/{principal}")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "A user's or group's own permission row in the share")
    @APIResponse(responseCode = "200", description = "The row", content = @Content(schema = @Schema(implementation = PermissionView.class)))
    @APIResponse(responseCode = "404", description = "No such share, user or group, or no row for it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PermissionView permission(@PathParam("name") String name, @PathParam("kind") String kind,
                                     @PathParam("principal") String principal) {
        return permissions.get(name, kind(kind), principal);
    }

    @PUT
    @Path("{name}/permissions/{kind: users|groups}/{principal}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a user's or group's level in the share",
            description = "Once a share has any row, only accounts with a level above none (their own or a group's) may use it.")
    @APIResponse(responseCode = "200", description = "The row", content = @Content(schema = @Schema(implementation = PermissionView.class)))
    @APIResponse(responseCode = "400", description = "Not a level", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such share, user or group", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PermissionView setPermission(@PathParam("name") String name, @PathParam("kind") String kind,
                                        @PathParam("principal") String principal, ShareRequests.Level body) {
        String level = body == null ? null : body.level;
        return audited.run(caller, "share.permission.set", name, kind + " " + principal + " " + level,
                () -> permissions.put(name, kind(kind), principal, level));
    }

    @DELETE
    @Path("{name}/permissions/{kind: users|groups}/{principal}")
    @Operation(summary = "Remove a user's or group's row", description = "Removing the last row opens the share to every account.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such share, user or group, or no row for it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response deletePermission(@PathParam("name") String name, @PathParam("kind") String kind,
                                     @PathParam("principal") String principal) {
        audited.run(caller, "share.permission.delete", name, kind + " " + principal, () -> {
            permissions.delete(name, kind(kind), principal);
            return null;
        });
        return Response.noContent().build();
    }

    private static PrincipalKind kind(String pathSegment) {
        return pathSegment.equals("users") ? PrincipalKind.USER : PrincipalKind.GROUP;
    }

    /** The options a new share was given, or null when it took every default. */
    private static String createdFields(ShareRequests.Change body) {
        String fields = changedFields(body);
        return fields.isEmpty() ? null : fields;
    }

    /** What the audit log says changed: the options' names and values, none of which is secret. */
    private static String changedFields(ShareRequests.Change body) {
        StringBuilder changed = new StringBuilder();
        append(changed, "readOnly", body.readOnly);
        append(changed, "rootSquash", body.rootSquash);
        append(changed, "allSquash", body.allSquash);
        append(changed, "anonUid", body.anonUid);
        append(changed, "anonGid", body.anonGid);
        append(changed, "allowedNetworks", body.allowedNetworks);
        append(changed, "smbEncryptionRequired", body.smbEncryptionRequired);
        append(changed, "smbGuestAllowed", body.smbGuestAllowed);
        append(changed, "smbSigningRequired", body.smbSigningRequired);
        append(changed, "store", body.store);
        return changed.toString().trim();
    }

    private static void append(StringBuilder changed, String field, Object value) {
        if (value != null) {
            changed.append(field).append('=').append(value).append(' ');
        }
    }
}
