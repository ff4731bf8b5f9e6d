package io.cistern.nfs.spi;

import java.time.Instant;
import java.util.List;

/**
 * What the adapter tells the application about its listener: that it is bound or was switched off, and its client
 * connections whenever they changed.
 *
 * @param state           what happened
 * @param address         the bound address as host:port (the last one bound, for DISABLED)
 * @param at              when
 * @param openConnections the listener's open client connections at that moment (a snapshot, so that a report that
 *                        never arrives is made good by the next)
 * @param clients         those connections, each with what is known of who it is; at most {@link #MAX_CLIENTS}, so
 *                        that {@code openConnections} may be larger
 */
public record NfsAdapterEvent(State state, String address, Instant at, int openConnections,
                              List<NfsClientConnection> clients) {
    /** The most connections one report lists: enough for any console, and a report stays small. */
    public static final int MAX_CLIENTS = 1000;

    public NfsAdapterEvent {
        clients = List.copyOf(clients);
    }

    /** A change of the listener's state, which carries no connections. */
    public NfsAdapterEvent(State state, String address, Instant at) {
        this(state, address, at, 0, List.of());
    }

    /**
     * No STOPPED: deactivation means the receiving application is going away. CONNECTIONS is sent only when the
     * connections changed since the last report. DISABLED: the application switched the listener off
     * ({@link NfsListener#listenerEnabled}); every socket of the adapter (NFS, MOUNT, NLM, NSM over TCP and UDP, and
     * the portmapper) is closed, and LISTENING follows when it is switched on and bound again.
     */
    public enum State { LISTENING, CONNECTIONS, DISABLED }
}
