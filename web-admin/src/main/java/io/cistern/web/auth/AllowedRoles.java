package io.cistern.web.auth;

import io.cistern.core.model.AdminRole;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a resource method (or every method of a resource class that does not say otherwise). A
 * method with neither this nor {@link PublicEndpoint}, on itself or its class, is refused to everyone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowedRoles {
    AdminRole[] value();
}
