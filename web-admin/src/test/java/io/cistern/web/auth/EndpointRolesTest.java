package io.cistern.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.web.StatusResource;
import io.cistern.web.activity.EventsResource;
import io.cistern.web.adapters.AdaptersResource;
import io.cistern.web.audit.AuditResource;
import io.cistern.web.clients.ClientsResource;
import io.cistern.web.groups.GroupsResource;
import io.cistern.web.jobs.JobsResource;
import io.cistern.web.schedules.SchedulesResource;
import io.cistern.web.settings.SettingsResource;
import io.cistern.web.shares.SharesResource;
import io.cistern.web.statistics.StatisticsResource;
import io.cistern.web.sso.SsoResource;
import io.cistern.web.stores.StoresResource;
import io.cistern.web.users.UsersResource;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every endpoint either is public on purpose or names its roles: none is open or closed by accident. */
class EndpointRolesTest {
    private static final List<Class<?>> RESOURCES = List.of(StatusResource.class, AuthResource.class,
            UsersResource.class, GroupsResource.class, SharesResource.class, AuditResource.class,
            SchedulesResource.class, StatisticsResource.class, EventsResource.class, JobsResource.class,
            SsoResource.class, StoresResource.class, AdaptersResource.class, SettingsResource.class,
            ClientsResource.class);
    private static final Set<String> PUBLIC = Set.of("StatusResource.status", "AuthResource.login",
            "AuthResource.refresh", "AuthResource.logout", "SsoResource.describe", "SsoResource.exchange");

    @Test
    void onlyStatusLoginRefreshLogoutAndSsoArePublicAndEveryOtherNamesItsRoles() {
        List<String> publicOnes = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                if (!isEndpoint(method)) {
                    continue;
                }
                String name = resource.getSimpleName() + "." + method.getName();
                if (AuthorizationFeature.isPublic(method, resource)) {
                    publicOnes.add(name);
                } else {
                    assertTrue(method.isAnnotationPresent(AllowedRoles.class)
                            || resource.isAnnotationPresent(AllowedRoles.class), name + " declares no roles");
                }
            }
        }
        assertEquals(PUBLIC, Set.copyOf(publicOnes));
    }

    private static boolean isEndpoint(Method method) {
        return method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)
                || method.isAnnotationPresent(PUT.class) || method.isAnnotationPresent(PATCH.class)
                || method.isAnnotationPresent(DELETE.class);
    }
}
