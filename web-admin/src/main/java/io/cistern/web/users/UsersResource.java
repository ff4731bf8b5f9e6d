package io.cistern.web.users;

import io.cistern.core.accounts.AccountChange;
import io.cistern.core.accounts.AccountService;
import io.cistern.core.accounts.AccountView;
import io.cistern.core.accounts.NewAccount;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Local accounts: admins create, change and delete them; operators and viewers read them. */
@Path("v1/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles(AdminRole.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "users")
@APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The caller's role may not do this", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class UsersResource {
    @EJB
    private AccountService accounts;
    @Inject
    private AuditedChanges audited;
    @Context
    private SecurityContext caller;

    @GET
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "All users, by name")
    @APIResponse(responseCode = "200", description = "The users",
            content = @Content(schema = @Schema(implementation = AccountView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<AccountView> list() {
        return accounts.list();
    }

    @GET
    @Path("{username}")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @Operation(summary = "One user")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public AccountView get(@PathParam("username") String username) {
        return accounts.get(username);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user", description = "Sets the PBKDF2 hash and the sealed NT hash (SMB logons) of "
            + "the password; neither is ever returned.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", description = "A field breaks the rules; the error names it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The username (ignoring case) or the uid is taken", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(UserRequests.Create body) {
        if (body == null) {
            throw ApiException.invalid("username", "a username is required");
        }
        char[] password = body.password == null ? null : body.password.toCharArray();
        try {
            AccountView created = audited.run(caller, "user.create", body.username, "role " + body.role, () -> accounts.create(
                    new NewAccount(body.username, body.uid, body.primaryGroup, role(body.role), password)));
            return Response.created(UriBuilder.fromResource(UsersResource.class).path(created.username()).build())
                    .entity(created).build();
        } finally {
            wipe(password);
        }
    }

    @PATCH
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user's primary group, role or password",
            description = "A new password also revokes the user's refresh tokens.")
    @APIResponse(responseCode = "200", description = "The changed user", content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", description = "A field breaks the rules; the error names it", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "It would leave no admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public AccountView update(@PathParam("username") String username, UserRequests.Change body) {
        if (body == null) {
            throw ApiException.invalid("role", "a change is required");
        }
        char[] password = body.password == null ? null : body.password.toCharArray();
        try {
            String changed = (body.primaryGroup == null ? "" : "primaryGroup ") + (body.role == null ? "" : "role ")
                    + (password == null ? "" : "password");
            return audited.run(caller, "user.update", username, changed.trim(), () -> accounts.update(username,
                    new AccountChange(body.primaryGroup, role(body.role), password)));
        } finally {
            wipe(password);
        }
    }

    @DELETE
    @Path("{username}")
    @Operation(summary = "Delete a user", description = "Files keep its uid.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "It is the last admin", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response delete(@PathParam("username") String username) {
        audited.run(caller, "user.delete", username, null, () -> {
            accounts.delete(username);
            return null;
        });
        return Response.noContent().build();
    }

    private static AdminRole role(String code) {
        if (code == null) {
            return null;
        }
        return AdminRole.parse(code).orElseThrow(() -> ApiException.invalid("role", "role is admin, operator or viewer"));
    }

    private static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
