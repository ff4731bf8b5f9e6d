package io.cistern.core.service;

import java.time.Instant;

/**
 * What the application knows of one protocol listener, as its adapter last reported it.
 *
 * @param protocol NFS or SMB
 * @param state    LISTENING; DISABLED once switched off by an administrator (or while it cannot bind again after being
 *                 switched on); NOT_STARTED while the adapter has not reported
 * @param address  host:port it is bound to, empty when never bound
 * @param since    when the state began, null when never reported
 */
public record ListenerState(String protocol, String state, String address, Instant since) {
    public static final String LISTENING = "LISTENING";
    public static final String NOT_STARTED = "NOT_STARTED";
    public static final String DISABLED = "DISABLED";

    public boolean isListening() {
        return LISTENING.equals(state);
    }
}
