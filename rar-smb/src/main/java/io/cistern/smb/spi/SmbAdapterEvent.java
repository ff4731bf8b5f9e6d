package io.cistern.smb.spi;

import java.time.Instant;

/**
 * What the adapter tells the application about its listener: that it is bound, and its connection and logon
 * counters whenever they changed.
 *
 * @param state           what happened
 * @param address         the bound address as host:port
 * @param at              when
 * @param openConnections the listener's open client connections at that moment
 * @param logonFailures   failed logons since the listener started (wrong password, unknown user, refused token)
 */
public record SmbAdapterEvent(State state, String address, Instant at, int openConnections, long logonFailures) {

    /** A bind, which has no connections and no logons yet. */
    public SmbAdapterEvent(State state, String address, Instant at) {
        this(state, address, at, 0, 0);
    }

    /**
     * No STOPPED: deactivation means the receiving application is going away. CONNECTIONS carries snapshots, sent
     * only when a counter changed, so that a report that never arrives is made good by the next.
     */
    public enum State { LISTENING, CONNECTIONS }
}
