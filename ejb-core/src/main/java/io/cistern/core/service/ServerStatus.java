package io.cistern.core.service;

import java.util.List;

/**
 * What the server says about itself to anyone who asks: nothing secret.
 *
 * @param version        Cistern's version
 * @param uptimeSeconds  since the application started
 * @param installationId stable across restarts
 * @param shares         share names
 * @param listeners      the protocol listeners
 */
public record ServerStatus(String version, long uptimeSeconds, String installationId, List<String> shares,
                           List<ListenerState> listeners) {
}
