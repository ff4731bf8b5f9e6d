package io.cistern.core.model;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * A client host that took an NLM lock, kept so that it can be told after a restart of this server that its locks are
 * gone (NSM SM_NOTIFY): statd's /var/lib/nfs/sm, as a table. The host as it named itself (caller_name) and the
 * address its request came from, where the notice goes. {@code recordedState} is this server's NSM state number when
 * the host was (last) recorded: rows of an earlier state are the hosts to tell after a start, and a host that locks
 * again after the start is recorded anew and stays.
 * <p>
 * Read once per start, so never cached.
 */
@Entity
@Table(name = "nsm_client_host", uniqueConstraints = @UniqueConstraint(name = "nsm_client_host_name_address",
        columnNames = {"caller_name", "address"}))
@SequenceGenerator(name = "nsm_client_host_seq", sequenceName = "nsm_client_host_seq", allocationSize = 10)
@Cacheable(false)
public class NsmClientHost {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "nsm_client_host_seq")
    private Long id;

    /** NLM caller_name: at most LM_MAXSTRLEN (1024) bytes, so at most as many characters. */
    @Column(name = "caller_name", nullable = false, length = 1024)
    private String callerName;

    /** The address as text (InetAddress.getHostAddress), IPv4 or IPv6. */
    @Column(name = "address", nullable = false, length = 64)
    private String address;

    @Column(name = "recorded_state", nullable = false)
    private int recordedState;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected NsmClientHost() {
    }

    public NsmClientHost(String callerName, String address, int recordedState, Instant recordedAt) {
        this.callerName = callerName;
        this.address = address;
        this.recordedState = recordedState;
        this.recordedAt = recordedAt;
    }

    public String getCallerName() { return callerName; }
    public String getAddress() { return address; }
    public int getRecordedState() { return recordedState; }
    public Instant getRecordedAt() { return recordedAt; }

    /** The host locked again in the life of {@code state}. */
    public void recordAgain(int state, Instant at) {
        this.recordedState = state;
        this.recordedAt = at;
    }
}
