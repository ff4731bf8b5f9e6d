package io.cistern.web.stores;

import io.cistern.core.model.AdminRole;
import io.cistern.core.stats.LastStatistics;
import io.cistern.core.stats.StoreFigures;
import io.cistern.core.stores.StoreService;
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

/**
 * Block stores: every role reads them, admins add, change and delete filesystem and S3 stores. The {@code default} store is
 * the one the settings choose when the server starts (CISTERN_STORE, CISTERN_S3_*), shown read-only. Each share names
 * its store ({@code store} in the share).
 */
@Path("v1/stores")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({AdminRole.ADMIN})
@SecurityRequirement(name = "bearer")
@Tag(name = "stores")
@APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The caller's role may not do this", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class StoresResource {
    @EJB
    private StoreService stores;
    @EJB
    private LastStatistics statistics;
    @Inject
    private AuditedChanges audited;
    @Context
    private SecurityContext caller;

    @GET
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "The block stores: name, kind, directory or S3 endpoint, bucket, prefix, region and"
            + " addressing, whether credentials are set (the access key id masked, the secret key never), the shares"
            + " using each, and each store's statistics", description = "admin, operator, viewer. The default"
            + " store comes first.")
    @APIResponse(responseCode = "200", description = "The stores",
            content = @Content(schema = @Schema(implementation = StoreView.class, type = SchemaType.ARRAY)))
    public List<StoreView> list() {
        return stores.list().stream().map(this::withFigures).toList();
    }

    @GET
    @Path("{name}")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "One store, found by name ignoring case")
    @APIResponse(responseCode = "200", description = "The store", content = @Content(schema = @Schema(implementation = StoreView.class)))
    @APIResponse(responseCode = "404", description = "No such store", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public StoreView get(@PathParam("name") String name) {
        return withFigures(stores.get(name));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a filesystem or S3 store", description = "admin. A filesystem store's directory must be"
            + " absolute and writable (it is made if missing) and apart from every other store's. An S3 store's bucket"
            + " is listed (one key under the prefix) with its credentials before the store is added; the credentials"
            + " are kept sealed under the credential key, the secret key is never returned, logged or audited.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = StoreView.class)))
    @APIResponse(responseCode = "400", description = "A field breaks the rules; the error names it (invalid_name,"
            + " invalid_kind, invalid_directory, invalid_endpoint, invalid_bucket, invalid_prefix, invalid_region,"
            + " invalid_accessKey, invalid_secretKey), or the bucket cannot be used: s3_unreachable (field endpoint),"
            + " s3_no_such_bucket (bucket), s3_access_denied (accessKey, secretKey or bucket), s3_refused (bucket)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The name is taken (conflict), the directory overlaps another"
            + " store's (directory_in_use), the bucket and prefix overlap another S3 store's (location_in_use), or the"
            + " credential key is unusable (credential_key_unusable)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(StoreRequests.NewStore body) {
        if (body == null) {
            throw ApiException.invalid("name", "a name is required");
        }
        io.cistern.core.stores.StoreChange definition = body.change();
        StoreView created = withFigures(audited.run(caller, "store.create", body.name, definition.describe(),
                () -> stores.create(definition)));
        return Response.created(UriBuilder.fromResource(StoresResource.class).path(created.name()).build())
                .entity(created).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a store or change its definition", description = "admin. A filesystem store's"
            + " directory, and an S3 store's endpoint, bucket and prefix, change only while the store holds no block;"
            + " an S3 store's region, addressing and credentials at any time (its bucket is listed with the new"
            + " definition first, and its client is built anew). A secretKey alone keeps the access key id. The"
            + " default store cannot be changed here (read_only).")
    @APIResponse(responseCode = "200", description = "The changed store", content = @Content(schema = @Schema(implementation = StoreView.class)))
    @APIResponse(responseCode = "400", description = "A field breaks the rules; the error names it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such store", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The default store (read_only), the new name taken (conflict),"
            + " the store holding blocks (not_empty), the directory another store's (directory_in_use), or the bucket"
            + " and prefix another S3 store's (location_in_use)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public StoreView update(@PathParam("name") String name, StoreRequests.Update body) {
        if (body == null || body.isEmpty()) {
            throw ApiException.invalid("name", "a change is required");
        }
        io.cistern.core.stores.StoreChange change = body.change();
        String detail = ((body.name == null ? "" : "name=" + body.name + " ")
                + java.util.Objects.requireNonNullElse(change.describe(), "")).trim();
        return withFigures(audited.run(caller, "store.update", name, detail, () -> stores.update(name, change)));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a store", description = "admin. Only a store no share uses (in_use) and in which no"
            + " file references a block (not_empty); blocks nobody references any more are deleted with it, its"
            + " directory stays. The default store cannot be deleted (read_only).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such store", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The default store, a store in use by a share, or holding"
            + " referenced blocks", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response delete(@PathParam("name") String name) {
        audited.run(caller, "store.delete", name, null, () -> {
            stores.delete(name);
            return null;
        });
        return Response.noContent().build();
    }

    /** The store's figures, which the statistics job names by the store's name. */
    private StoreView withFigures(io.cistern.core.stores.StoreView store) {
        StoreFigures figures = statistics.snapshot().stores().stream()
                .filter(row -> row.store().equals(store.name())).findFirst().orElse(null);
        return StoreView.of(store, figures);
    }
}
