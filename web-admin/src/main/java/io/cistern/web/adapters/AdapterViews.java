package io.cistern.web.adapters;

import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.core.service.ConnectedClients;
import io.cistern.core.service.ListenerRegistry;
import io.cistern.core.service.ListenerState;
import io.cistern.core.service.ListenerSwitches;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * The listeners as {@code GET /api/v1/adapters} answers them and as every frame of the live activity stream carries
 * them: each listener's reported state with the stored switch, the open connections and, for SMB, the sessions. All
 * of it is read from memory (the adapters' last reports, the switches once read), so a frame a second costs nothing
 * against the database.
 */
@ApplicationScoped
public class AdapterViews {
    @EJB
    private ListenerRegistry listeners;
    @EJB
    private ListenerSwitches switches;
    @EJB
    private ProtocolMetrics metrics;
    @EJB
    private ConnectedClients clients;

    /** For the container. */
    protected AdapterViews() {
    }

    /** Over these sources, without a container. */
    AdapterViews(ListenerRegistry listeners, ListenerSwitches switches, ProtocolMetrics metrics,
                 ConnectedClients clients) {
        this.listeners = listeners;
        this.switches = switches;
        this.metrics = metrics;
        this.clients = clients;
    }

    /** NFS then SMB. */
    public List<AdapterView> all() {
        return listeners.listeners().stream().map(this::view).toList();
    }

    /** The listener of {@link ListenerRegistry#NFS} or {@link ListenerRegistry#SMB}. */
    public AdapterView of(String protocol) {
        return view(listeners.state(protocol));
    }

    private AdapterView view(ListenerState listener) {
        String protocol = listener.protocol();
        // the metrics count connections under the lower-case protocol name, the registry reports upper case
        return AdapterView.of(listener, switches.enabled(protocol),
                metrics.openConnections(protocol.toLowerCase(Locale.ROOT)),
                ListenerRegistry.SMB.equals(protocol) ? clients.sessions(protocol) : null);
    }
}
