package io.cistern.web.auth;

import io.cistern.core.accounts.AccountException;
import io.cistern.core.accounts.AccountService;
import io.cistern.core.accounts.AccountView;
import io.cistern.core.accounts.AdminSessions;
import io.cistern.core.accounts.AuditTrail;
import io.cistern.core.accounts.SessionGrant;
import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.core.model.AdminRole;
import io.cistern.web.errors.ApiError;
import io.cistern.web.errors.ApiException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Local login, token refresh, logout, and the caller's own account. */
@Path("v1/auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {
    @EJB
    private AccountService accounts;
    @EJB
    private AdminSessions sessions;
    @EJB
    private AuditTrail audit;
    @EJB
    private ProtocolMetrics metrics;
    @Inject
    private AccessTokens tokens;
    @Inject
    private LoginThrottle throttle;
    @Context
    private HttpServletRequest http;

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @Operation(summary = "Log in with a local username and password",
            description = "Returns a 15-minute access token and a refresh token. Wrong password and unknown user get "
                    + "the same answer; after 5 failures in a minute from one address, that address waits.")
    @APIResponse(responseCode = "200", description = "Logged in",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "username or password missing", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Wrong username or password", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Too many failed logins from this address", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public TokenResponse login(Requests.Login body) {
        String address = ClientAddress.of(http);
        if (body == null || body.username == null || body.username.isEmpty()) {
            throw ApiException.invalid("username", "a username is required");
        }
        if (body.password == null || body.password.isEmpty()) {
            throw ApiException.invalid("password", "a password is required");
        }
        OptionalLong wait = throttle.refusedForSeconds(address);
        if (wait.isPresent()) {
            audit.record(body.username, "auth.login", body.username, false, address, "too many failed attempts");
            throw new ApiException(Response.Status.TOO_MANY_REQUESTS, "too_many_attempts", "too many failed logins "
                    + "from this address: try again in " + wait.getAsLong() + " s", null)
                    .withHeader("Retry-After", Long.toString(wait.getAsLong()));
        }
        char[] password = body.password.toCharArray();
        Optional<AccountView> account;
        try {
            account = accounts.authenticate(body.username, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (account.isEmpty()) {
            throttle.failed(address);
            metrics.authFailed(ProtocolMetrics.HTTP);
            audit.record(body.username, "auth.login", body.username, false, address, "wrong username or password");
            throw new ApiException(Response.Status.UNAUTHORIZED, "invalid_credentials", "wrong username or password",
                    null);
        }
        SessionGrant grant = sessions.open(account.get().username());
        audit.record(grant.username(), "auth.login", grant.username(), true, address, null);
        return answer(grant);
    }

    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @Operation(summary = "Exchange a refresh token for a new access token and a new refresh token",
            description = "Each refresh token works once; presenting a used one again revokes its whole login.")
    @APIResponse(responseCode = "200", description = "New tokens",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "No refresh token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Unknown, used, revoked or expired refresh token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public TokenResponse refresh(Requests.Refresh body) {
        String token = requireRefreshToken(body);
        Optional<SessionGrant> next = sessions.rotate(token);
        if (next.isEmpty()) {
            audit.record(null, "auth.refresh", null, false, ClientAddress.of(http), "refresh token refused");
            throw new ApiException(Response.Status.UNAUTHORIZED, "invalid_refresh_token",
                    "the refresh token is unknown, used, revoked or expired: log in again", "refreshToken");
        }
        return answer(next.get());
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    @Operation(summary = "Revoke a refresh token and every token of its login",
            description = "Access tokens already issued stay valid until they expire (at most 15 minutes).")
    @APIResponse(responseCode = "204", description = "Revoked (also when the token was unknown)")
    @APIResponse(responseCode = "400", description = "No refresh token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response logout(Requests.Refresh body) {
        String token = requireRefreshToken(body);
        sessions.revoke(token).ifPresent(user ->
                audit.record(user, "auth.logout", user, true, ClientAddress.of(http), null));
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The caller's own account")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public AccountView me(@Context SecurityContext caller) {
        return accounts.get(caller.getUserPrincipal().getName());
    }

    @POST
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles({AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.VIEWER})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change the caller's own password",
            description = "Needs the old password. Sets the PBKDF2 hash and the sealed NT hash (SMB logons) and "
                    + "revokes all of the account's refresh tokens.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "Wrong old password (field oldPassword) or a new one that breaks "
            + "the rules (field newPassword)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "No valid access token", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response changePassword(@Context SecurityContext caller, Requests.PasswordChange body) {
        String username = caller.getUserPrincipal().getName();
        if (body == null || body.oldPassword == null) {
            throw ApiException.invalid("oldPassword", "the old password is required");
        }
        if (body.newPassword == null) {
            throw ApiException.invalid("newPassword", "a new password is required");
        }
        char[] oldPassword = body.oldPassword.toCharArray();
        char[] newPassword = body.newPassword.toCharArray();
        try {
            accounts.changeOwnPassword(username, oldPassword, newPassword);
        } catch (AccountException e) {
            audit.record(username, "auth.password", username, false, ClientAddress.of(http), e.code());
            throw e;
        } finally {
            Arrays.fill(oldPassword, '\0');
            Arrays.fill(newPassword, '\0');
        }
        audit.record(username, "auth.password", username, true, ClientAddress.of(http), null);
        return Response.noContent().build();
    }

    private static String requireRefreshToken(Requests.Refresh body) {
        if (body == null || body.refreshToken == null || body.refreshToken.isEmpty()) {
            throw ApiException.invalid("refreshToken", "a refresh token is required");
        }
        return body.refreshToken;
    }

    private TokenResponse answer(SessionGrant grant) {
        return tokens.answer(grant);
    }
}
