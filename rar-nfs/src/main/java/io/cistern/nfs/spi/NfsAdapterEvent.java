package io.cistern.nfs.spi;

import java.time.Instant;

/**
 * What the adapter tells the application about its listener: that it is bound, and how many client connections it
 * holds whenever that number changed.
 *
 * @param state           what happened
 * @param address         the bound address as host:port
 * @param at              when
 * @param openConnections the listener's open client connections at that moment (a snapshot, so that a report that
 *                        never arrives is made good by the next)
 */
public record NfsAdapterEvent(State state, String address, Instant at, int openConnections) {

    /** A bind, which has no connections yet. */
    public NfsAdapterEvent(State state, String address, Instant at) {
        this(state, address, at, 0);
    }

    /**
     * No STOPPED: deactivation means the receiving application is going away. CONNECTIONS is sent only when the
     * count changed since the last report.
     */
    public enum State { LISTENING, CONNECTIONS }
}
