package io.cistern.web.adapters;

import io.cistern.core.service.ListenerState;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One protocol adapter's listener: whether an administrator wants it open, its state as the adapter last reported
 * it, the address and port it is bound to (null before it bound; kept while it is switched off), its open
 * connections and, for SMB, its valid sessions.
 */
@Schema(name = "Adapter")
public record AdapterView(
        @Schema(example = "SMB", description = "NFS or SMB") String protocol,
        @Schema(description = "Whether an administrator wants the listener open (PUT adapters/{protocol}); the adapter"
                + " follows within about a second") boolean enabled,
        @Schema(example = "LISTENING", description = "LISTENING, DISABLED (switched off: socket and connections"
                + " closed; also while a listener switched on cannot bind again) or NOT_STARTED") String state,
        boolean listening,
        @Schema(example = "0.0.0.0") String address,
        @Schema(example = "12445") Integer port,
        @Schema(description = "When the state began") Instant since,
        @Schema(description = "Open client connections") int connections,
        @Schema(description = "SMB: valid sessions on those connections; NFS: null (NFS has no sessions)") Integer sessions) {

    static AdapterView of(ListenerState listener, boolean enabled, int connections, Integer sessions) {
        String bound = listener.address() == null ? "" : listener.address();
        int colon = bound.lastIndexOf(':');
        String host = colon > 0 ? bound.substring(0, colon) : null;
        Integer port = colon > 0 ? port(bound.substring(colon + 1)) : null;
        return new AdapterView(listener.protocol(), enabled, listener.state(), listener.isListening(), host, port,
                listener.since(), connections, sessions);
    }

    private static Integer port(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
