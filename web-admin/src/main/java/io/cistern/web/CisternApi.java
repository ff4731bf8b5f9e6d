package io.cistern.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The admin API, under /api. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Cistern admin API", version = "v1",
        description = "Manage users, groups, shares, stores and adapters of a Cistern file server"))
public class CisternApi extends Application {
}
