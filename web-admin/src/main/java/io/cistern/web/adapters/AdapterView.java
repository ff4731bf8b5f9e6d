package io.cistern.web.adapters;

import io.cistern.core.service.ListenerState;
import java.time.Instant;

/**
 * One protocol adapter's listener: its state as the adapter last reported it, the address and port it is bound to
 * (null before it bound), and its open connections. Sessions are not reported: the SMB adapter does not count them
 * apart from connections.
 */
public record AdapterView(String protocol, String state, boolean listening, String address, Integer port,
                          Instant since, int connections) {

    static AdapterView of(ListenerState listener, int connections) {
        String bound = listener.address() == null ? "" : listener.address();
        int colon = bound.lastIndexOf(':');
        String host = colon > 0 ? bound.substring(0, colon) : null;
        Integer port = colon > 0 ? port(bound.substring(colon + 1)) : null;
        return new AdapterView(listener.protocol(), listener.state(), listener.isListening(), host, port,
                listener.since(), connections);
    }

    private static Integer port(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
