package io.cistern.core.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Cistern's client-facing metrics, registered in the application registry that Payara shows at {@code /metrics}:
 * <ul>
 *   <li>{@code cistern_requests_seconds_count}, {@code _sum} and {@code _max{protocol,operation}}: a timer per NFS
 *       procedure and SMB command, for the time the application took to answer;</li>
 *   <li>{@code cistern_request_failures_total{protocol,operation,status}}: requests answered with an error;</li>
 *   <li>{@code cistern_read_bytes_total} and {@code cistern_written_bytes_total{protocol}}: file data served and
 *       accepted;</li>
 *   <li>{@code cistern_connections{protocol}}: open client connections as the adapter last reported them;</li>
 *   <li>{@code cistern_auth_failures_total{protocol}}: failed logons (SMB) and failed admin logins (HTTP).</li>
 * </ul>
 * Series are kept in maps of their own so that the hot path (one timer update per request) never goes through the
 * registry's lookup.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// memory only, as the listener registry: no transaction for a counter
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ProtocolMetrics {
    public static final String NFS = "nfs";
    public static final String SMB = "smb";
    public static final String HTTP = "http";

    private static final Metadata REQUESTS = Metadata.builder().withName("cistern.requests")
            .withDescription("Requests answered by the application, per protocol and operation")
            // with the unit stated, count, sum, mean and max come out in seconds; Payara 6.2025.10 still writes
            // the quantiles in nanoseconds (with any unit), so dashboards should use sum/count and max
            .withUnit(MetricUnits.NANOSECONDS).build();
    private static final Metadata FAILURES = Metadata.builder().withName("cistern.request.failures")
            .withDescription("Requests answered with an error status, per protocol, operation and status").build();
    private static final Metadata BYTES_READ = Metadata.builder().withName("cistern.read.bytes")
            .withDescription("File data read by clients, in bytes").build();
    private static final Metadata BYTES_WRITTEN = Metadata.builder().withName("cistern.written.bytes")
            .withDescription("File data written by clients, in bytes").build();
    private static final Metadata CONNECTIONS = Metadata.builder().withName("cistern.connections")
            .withDescription("Open client connections, as the protocol adapter last reported them").build();
    private static final Metadata AUTH_FAILURES = Metadata.builder().withName("cistern.auth.failures")
            .withDescription("Failed logons (SMB) and failed admin logins (HTTP)").build();

    @Inject
    private MetricRegistry registry;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    /** The adapters' own logon-failure totals as last reported, to turn snapshots into increments. */
    private final Map<String, AtomicLong> reportedAuthFailures = new ConcurrentHashMap<>();

    @PostConstruct
    void registerGauges() {
        for (String protocol : new String[] {NFS, SMB}) {
            AtomicInteger open = connections.computeIfAbsent(protocol, p -> new AtomicInteger());
            registry.gauge(CONNECTIONS, open::get, protocolTag(protocol));
            // present from the start, so that a scrape shows zero rather than nothing
            bytes(BYTES_READ, protocol);
            bytes(BYTES_WRITTEN, protocol);
        }
        for (String protocol : new String[] {SMB, HTTP}) {
            authFailures(protocol);
        }
    }

    /** The recorder an adapter's answering code reports its requests to. */
    public RequestRecorder requests(String protocol) {
        return (operation, nanos, failure) -> {
            timer(protocol, operation).update(Duration.ofNanos(nanos));
            if (failure != null) {
                failures(protocol, operation, failure).inc();
            }
        };
    }

    /** The counters an adapter's answering code adds each READ's and WRITE's bytes to. */
    public TransferBytes transferBytes(String protocol) {
        Counter read = bytes(BYTES_READ, protocol);
        Counter written = bytes(BYTES_WRITTEN, protocol);
        return new TransferBytes() {
            @Override
            public void read(long bytes) {
                if (bytes > 0) {
                    read.inc(bytes);
                }
            }

            @Override
            public void written(long bytes) {
                if (bytes > 0) {
                    written.inc(bytes);
                }
            }
        };
    }

    /** A failed login that the application itself saw (the admin API). */
    public void authFailed(String protocol) {
        authFailures(protocol).inc();
    }

    /**
     * What an adapter last counted: its open connections and its logon failures since it started. A total lower than
     * the last one means the adapter restarted; it then counts from zero again.
     */
    public void adapterReport(String protocol, int openConnections, long logonFailuresSinceStart) {
        connections.computeIfAbsent(protocol, p -> new AtomicInteger()).set(openConnections);
        AtomicLong reported = reportedAuthFailures.computeIfAbsent(protocol, p -> new AtomicLong());
        long before = reported.getAndSet(logonFailuresSinceStart);
        long added = logonFailuresSinceStart >= before ? logonFailuresSinceStart - before : logonFailuresSinceStart;
        if (added > 0) {
            authFailures(protocol).inc(added);
        }
    }

    /** Open connections of a protocol as last reported. */
    public int openConnections(String protocol) {
        AtomicInteger open = connections.get(protocol);
        return open == null ? 0 : open.get();
    }

    private Timer timer(String protocol, String operation) {
        return timers.computeIfAbsent(protocol + '/' + operation,
                key -> registry.timer(REQUESTS, protocolTag(protocol), new Tag("operation", operation)));
    }

    private Counter failures(String protocol, String operation, String status) {
        return counters.computeIfAbsent("failure/" + protocol + '/' + operation + '/' + status,
                key -> registry.counter(FAILURES, protocolTag(protocol), new Tag("operation", operation),
                        new Tag("status", status)));
    }

    private Counter bytes(Metadata which, String protocol) {
        return counters.computeIfAbsent(which.getName() + '/' + protocol,
                key -> registry.counter(which, protocolTag(protocol)));
    }

    private Counter authFailures(String protocol) {
        return counters.computeIfAbsent("auth/" + protocol, key -> registry.counter(AUTH_FAILURES, protocolTag(protocol)));
    }

    private static Tag protocolTag(String protocol) {
        return new Tag("protocol", protocol.toLowerCase(Locale.ROOT));
    }
}
