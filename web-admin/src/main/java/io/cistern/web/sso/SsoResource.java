package io.cistern.web.sso;

import io.cistern.core.accounts.AdminSessions;
import io.cistern.web.auth.AccessTokens;
import io.cistern.web.auth.ClientAddress;
import io.cistern.web.auth.PublicEndpoint;
import io.cistern.web.auth.TokenResponse;
import io.cistern.web.errors.ApiError;
import io.cistern.web.errors.ApiException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Single sign-on as the console sees it: whether it is configured (and where a browser starts it), and the exchange
 * of the one-time code the callback left in a cookie for Cistern's usual access and refresh tokens. The browser side
 * of the flow, {@value SsoSettings#LOGIN_PATH} and {@value SsoSettings#CALLBACK_PATH}, is {@link SsoServlet}.
 */
@Path("v1/auth/sso")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class SsoResource {
    private static final Logger LOG = Logger.getLogger(SsoResource.class.getName());

    @EJB
    private AdminSessions sessions;
    @Inject
    private AccessTokens tokens;
    @Inject
    private SsoSettings settings;
    @Inject
    private OneTimeCodes codes;
    @Context
    private HttpServletRequest http;

    @GET
    @PublicEndpoint
    @Operation(summary = "Whether single sign-on (OpenID Connect) is configured, and where a browser starts it",
            description = "A browser sent to loginPath (GET /sso/login, outside the API) is redirected to the identity "
                    + "provider; the provider sends it back to GET /sso/callback, which maps the user's groups to a "
                    + "role and either answers a page saying why the login is refused (401 failed, 403 no mapped group "
                    + "or no local account of that name, 409 a demotion of the last admin) or redirects to "
                    + "/console/#/sso with a one-time code in an HttpOnly SameSite=Strict cookie for POST "
                    + "/api/v1/auth/sso/exchange. Both paths answer 404 with a JSON error when SSO is not configured.")
    @APIResponse(responseCode = "200", description = "SSO is configured: {\"loginPath\": \"/sso/login\"}")
    @APIResponse(responseCode = "404", description = "SSO is not configured", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Map<String, String> describe() {
        requireConfigured();
        return Map.of("loginPath", http.getContextPath() + SsoSettings.LOGIN_PATH);
    }

    @POST
    @Path("exchange")
    @PublicEndpoint
    @Operation(summary = "Exchange the one-time code of a finished single sign-on for an access and a refresh token",
            description = "The code is the cookie cistern_sso that GET /sso/callback set (HttpOnly, SameSite=Strict, "
                    + "path /api/v1/auth/sso, 60 s); it works once. The answer is the same as a local login's.")
    @APIResponse(responseCode = "200", description = "Logged in",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "No code, or one that is unknown, used or expired", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "SSO is not configured", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response exchange(@CookieParam(SsoServlet.CODE_COOKIE) String code) {
        requireConfigured();
        Optional<String> username = codes.redeem(code);
        NewCookie spent = new NewCookie.Builder(SsoServlet.CODE_COOKIE).value("").path(http.getContextPath()
                + "/api/v1/auth/sso").maxAge(0).httpOnly(true).secure(http.isSecure())
                .sameSite(NewCookie.SameSite.STRICT).build();
        if (username.isEmpty()) {
            LOG.fine(() -> "SSO code refused from " + ClientAddress.of(http));
            throw new ApiException(Response.Status.UNAUTHORIZED, "invalid_sso_code", "no single sign-on to pick up: "
                    + "its code is missing, used or expired (it lasts " + OneTimeCodes.LIFETIME.toSeconds() + " s); "
                    + "sign in again", null);
        }
        return Response.ok(tokens.answer(sessions.open(username.get()))).cookie(spent).build();
    }

    private void requireConfigured() {
        if (!settings.enabled()) {
            throw new ApiException(Response.Status.NOT_FOUND, SsoAnswers.NOT_CONFIGURED.code(),
                    SsoAnswers.NOT_CONFIGURED.message(), null);
        }
    }
}
