package io.cistern.core.health;

import io.cistern.core.service.ListenerRegistry;
import io.cistern.core.service.ListenerState;
import io.cistern.core.service.ListenerSwitches;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while both protocol listeners are as wanted, as their adapters report: bound, or closed because an
 * administrator switched them off. One switched on that does not bind (its port taken meanwhile) is not ready.
 */
@Readiness
@ApplicationScoped
public class ListenersHealthCheck implements HealthCheck {
    @EJB
    private ListenerRegistry registry;
    @EJB
    private ListenerSwitches switches;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("listeners");
        boolean asWanted = true;
        for (ListenerState listener : registry.listeners()) {
            response.withData(listener.protocol(), listener.state() + (listener.address().isEmpty() ? "" : " " + listener.address()));
            asWanted &= listener.isListening()
                    || ListenerState.DISABLED.equals(listener.state()) && !switches.enabled(listener.protocol());
        }
        return response.status(asWanted).build();
    }
}
