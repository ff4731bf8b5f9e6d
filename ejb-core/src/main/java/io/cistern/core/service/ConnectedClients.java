package io.cistern.core.service;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The open client connections as the adapters last reported them, with the connection count of the same report
 * (which {@link io.cistern.core.metrics.ProtocolMetrics} is given too): one report, so the list and the counts never
 * disagree. Memory only; the adapters report every 2 s when something changed.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ConnectedClients {
    /** One protocol's last report. */
    private record Report(List<ClientConnection> clients, int sessions) {
    }

    private final Map<String, Report> reports = new ConcurrentHashMap<>();

    /** The adapter of {@code protocol} ({@link ListenerRegistry#NFS}, {@link ListenerRegistry#SMB}) reported. */
    public void report(String protocol, List<ClientConnection> clients, int sessions) {
        reports.put(protocol, new Report(List.copyOf(clients), sessions));
    }

    /** Every open connection of both protocols, oldest first. */
    public List<ClientConnection> clients() {
        return Stream.of(ListenerRegistry.NFS, ListenerRegistry.SMB)
                .flatMap(protocol -> reports.getOrDefault(protocol, new Report(List.of(), 0)).clients().stream())
                .sorted(Comparator.comparing(ClientConnection::since))
                .toList();
    }

    /** Valid sessions of {@code protocol} as last reported (0 before a report, and always for NFS). */
    public int sessions(String protocol) {
        Report report = reports.get(protocol);
        return report == null ? 0 : report.sessions();
    }
}
