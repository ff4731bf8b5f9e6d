package io.cistern.nfs.spi;

import java.time.Instant;

/**
 * A change of the adapter's listener.
 *
 * @param state   what happened
 * @param address the bound address as host:port
 * @param at      when
 */
public record NfsAdapterEvent(State state, String address, Instant at) {

    public enum State { LISTENING, STOPPED }
}
