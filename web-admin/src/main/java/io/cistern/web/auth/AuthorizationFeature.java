package io.cistern.web.auth;

import io.cistern.core.model.AdminRole;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.List;

/**
 * Puts a {@link BearerAuthFilter} in front of every resource method that is not a {@link PublicEndpoint}, with the
 * roles of its {@link AllowedRoles} (the method's, else its class's). Decided once per method at deployment, so an
 * endpoint that forgets to declare its roles is closed to everyone, never open.
 */
@Provider
public class AuthorizationFeature implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (isPublic(method, type)) {
            return;
        }
        AllowedRoles roles = method.isAnnotationPresent(AllowedRoles.class)
                ? method.getAnnotation(AllowedRoles.class) : type.getAnnotation(AllowedRoles.class);
        EnumSet<AdminRole> allowed = EnumSet.noneOf(AdminRole.class);
        if (roles != null) {
            allowed.addAll(List.of(roles.value()));
        }
        context.register(new BearerAuthFilter(allowed, type.getSimpleName() + "." + method.getName()),
                Priorities.AUTHENTICATION);
    }

    static boolean isPublic(Method method, Class<?> type) {
        if (method.isAnnotationPresent(PublicEndpoint.class)) {
            return true;
        }
        return !method.isAnnotationPresent(AllowedRoles.class) && type.isAnnotationPresent(PublicEndpoint.class);
    }
}
