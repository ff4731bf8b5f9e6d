package io.cistern.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The admin API, under /api. Every endpoint but status and the login/refresh/logout trio needs an access token from
 * {@code POST /api/v1/auth/login} ({@code Authorization: Bearer <jwt>}); see {@link io.cistern.web.auth}.
 */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Cistern admin API", version = "v1",
        description = "Manage users, groups, shares, stores and adapters of a Cistern file server"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from POST /api/v1/auth/login or /api/v1/auth/refresh (HS256, 15 minutes)")
public class CisternApi extends Application {
}
