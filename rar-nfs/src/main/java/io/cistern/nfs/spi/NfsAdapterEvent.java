package io.cistern.nfs.spi;

import java.time.Instant;

/**
 * A change of the adapter's listener: for now, that it is bound.
 *
 * @param state   what happened
 * @param address the bound address as host:port
 * @param at      when
 */
public record NfsAdapterEvent(State state, String address, Instant at) {

    /** Only the bind is reported: deactivation means the receiving application is going away. */
    public enum State { LISTENING }
}
