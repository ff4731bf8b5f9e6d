package io.cistern.web.auth;

import io.cistern.core.accounts.AccountService;
import io.cistern.core.model.AdminRole;
import io.cistern.web.errors.ApiError;
import io.cistern.web.errors.ApiException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Checks the access token of a request to one resource method: 401 without a valid one (no token, bad signature,
 * expired, wrong issuer, account gone), 403 when the account's current role is not among the method's roles. The
 * role is read from the account on each request, so a demotion takes effect at once, not when the token expires.
 */
final class BearerAuthFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(BearerAuthFilter.class.getName());
    private static final String PREFIX = "bearer ";

    private final Set<AdminRole> allowed;
    private final String endpoint;
    /**
     * Looked up once (the filter is made by JAX-RS, not CDI): a stateless bean's reference is safe to share, and a
     * lookup per request would pile up dependent instances on CDI.current().
     */
    private volatile AccessTokens tokens;
    private volatile AccountService accounts;

    /** {@code allowed} empty: nobody may call it (the method declares no roles). */
    BearerAuthFilter(Set<AdminRole> allowed, String endpoint) {
        this.allowed = allowed.isEmpty() ? Set.of() : EnumSet.copyOf(allowed);
        this.endpoint = endpoint;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            request.abortWith(unauthenticated("unauthenticated", "this endpoint needs an access token "
                    + "(Authorization: Bearer ...)"));
            return;
        }
        AccessClaims claims;
        try {
            claims = tokens().verify(header.substring(PREFIX.length()).trim());
        } catch (InvalidTokenException e) {
            LOG.fine(() -> "access token refused at " + endpoint + ": " + e.getMessage());
            request.abortWith(unauthenticated("invalid_token", "the access token is invalid or has expired"));
            return;
        }
        Optional<AdminRole> role = accounts().currentRole(claims.subject());
        if (role.isEmpty()) {
            request.abortWith(unauthenticated("invalid_token", "the access token's account no longer exists"));
            return;
        }
        request.setSecurityContext(new AdminSecurityContext(claims.subject(), role.get(),
                request.getSecurityContext() != null && request.getSecurityContext().isSecure()));
        if (!allowed.contains(role.get())) {
            request.abortWith(ApiException.response(Response.Status.FORBIDDEN.getStatusCode(), new ApiError("forbidden",
                    "role " + role.get().code() + " may not do this; it needs "
                            + (allowed.isEmpty() ? "a role declared by the endpoint" : allowed.stream()
                            .map(AdminRole::code).collect(Collectors.joining(" or "))), null)));
        }
    }

    private AccessTokens tokens() {
        AccessTokens current = tokens;
        if (current == null) {
            current = CDI.current().select(AccessTokens.class).get();
            tokens = current;
        }
        return current;
    }

    private AccountService accounts() {
        AccountService current = accounts;
        if (current == null) {
            current = CDI.current().select(AccountService.class).get();
            accounts = current;
        }
        return current;
    }

    private static Response unauthenticated(String code, String message) {
        return Response.fromResponse(ApiException.response(Response.Status.UNAUTHORIZED.getStatusCode(),
                new ApiError(code, message, null))).header("WWW-Authenticate", "Bearer realm=\"cistern\"").build();
    }
}
