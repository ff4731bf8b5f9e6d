package io.cistern.core.health;

import io.cistern.core.service.ListenerRegistry;
import io.cistern.core.service.ListenerState;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while both protocol listeners are bound, as their adapters report. */
@Readiness
@ApplicationScoped
public class ListenersHealthCheck implements HealthCheck {
    @EJB
    private ListenerRegistry registry;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("listeners");
        boolean allListening = true;
        for (ListenerState listener : registry.listeners()) {
            response.withData(listener.protocol(), listener.state() + (listener.address().isEmpty() ? "" : " " + listener.address()));
            allListening &= listener.isListening();
        }
        return response.status(allListening).build();
    }
}
