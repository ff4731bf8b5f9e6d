package io.cistern.web.auth;

import io.cistern.core.model.AdminRole;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The caller a valid access token named, with the role its account has now. */
final class AdminSecurityContext implements SecurityContext {
    private final Principal principal;
    private final AdminRole role;
    private final boolean secure;

    AdminSecurityContext(String username, AdminRole role, boolean secure) {
        this.principal = () -> username;
        this.role = role;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String name) {
        return role.code().equals(name);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
