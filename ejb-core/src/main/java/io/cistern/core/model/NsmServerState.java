package io.cistern.core.model;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * This server's NSM state number (XNFS chapter 11), in its one row: statd's /var/lib/nfs/state, as a table. Raised at
 * every start, in the database so that a crash cannot lose a raise.
 */
@Entity
@Table(name = "nsm_server_state")
@Cacheable(false)
public class NsmServerState {
    /** There is exactly one row. */
    public static final long SINGLETON_ID = 1L;

    @Id
    private Long id;

    @Column(name = "state", nullable = false)
    private int state;

    protected NsmServerState() {
    }

    public NsmServerState(int state) {
        this.id = SINGLETON_ID;
        this.state = state;
    }

    public int getState() { return state; }
    public void setState(int state) { this.state = state; }
}
