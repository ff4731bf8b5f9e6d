package io.cistern.web.activity;

import io.cistern.web.clients.ClientView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clients of one frame by identity: protocol, address, port and since. Their other fields (an SMB session's user
 * names, an NFS client's uid) arrive in later reports, so they do not make a connection a new one.
 */
final class ClientSet {
    private final Map<String, ClientView> byIdentity;

    private ClientSet(Map<String, ClientView> byIdentity) {
        this.byIdentity = byIdentity;
    }

    static ClientSet of(List<ClientView> clients) {
        Map<String, ClientView> byIdentity = new LinkedHashMap<>();
        clients.forEach(client -> byIdentity.put(identity(client), client));
        return new ClientSet(byIdentity);
    }

    /** This set's clients that {@code other} lacks, in this set's order. */
    List<ClientView> missingFrom(ClientSet other) {
        return byIdentity.entrySet().stream().filter(entry -> !other.byIdentity.containsKey(entry.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    private static String identity(ClientView client) {
        return client.protocol() + " " + client.address() + " " + client.port() + " " + client.since();
    }
}
