package io.cistern.smb.spi;

import java.time.Instant;
import java.util.List;

/**
 * What the adapter tells the application about its listener: that it is bound or was switched off, and its
 * connections, sessions and logon counter whenever they changed.
 *
 * @param state           what happened
 * @param address         the bound address as host:port (the last one bound, for DISABLED)
 * @param at              when
 * @param openConnections the listener's open client connections at that moment
 * @param logonFailures   failed logons since the listener started (wrong password, unknown user, refused token)
 * @param openSessions    valid sessions on those connections
 * @param clients         the open connections, each with who it serves; at most {@link #MAX_CLIENTS} of them, so that
 *                        {@code openConnections} may be larger
 */
public record SmbAdapterEvent(State state, String address, Instant at, int openConnections, long logonFailures,
                              int openSessions, List<SmbClientConnection> clients) {
    /** The most connections one report lists: enough for any console, and a report stays small. */
    public static final int MAX_CLIENTS = 1000;

    public SmbAdapterEvent {
        clients = List.copyOf(clients);
    }

    /** A change of the listener's state, which carries no counters. */
    public SmbAdapterEvent(State state, String address, Instant at) {
        this(state, address, at, 0, 0, 0, List.of());
    }

    /**
     * No STOPPED: deactivation means the receiving application is going away. CONNECTIONS carries snapshots, sent
     * only when a counter or a client changed, so that a report that never arrives is made good by the next.
     * DISABLED: the application switched the listener off ({@link SmbListener#listenerEnabled}), its socket and
     * connections are closed; LISTENING follows when it is switched on and bound again.
     */
    public enum State { LISTENING, CONNECTIONS, DISABLED }
}
