package io.cistern.core.nsm;

import io.cistern.core.model.NsmClientHost;
import io.cistern.core.model.NsmServerState;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The NSM rows (state number, client hosts), each method its own transaction, committed before it returns: a host
 * is recorded durably before it is granted a lock, and a new state number before anyone is told it.
 */
@Stateless
public class HostRecords {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /** Raises the state number for a start and returns the new one; the first start takes {@link StateNumbers#first}. */
    public int advanceState(Instant now) {
        NsmServerState row = em.find(NsmServerState.class, NsmServerState.SINGLETON_ID, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            int first = StateNumbers.first(now);
            em.persist(new NsmServerState(first));
            return first;
        }
        int next = StateNumbers.after(row.getState());
        row.setState(next);
        return next;
    }

    /** Records the host under {@code state}, or records it again if it is there from an earlier one. */
    public void record(MonitoredHost host, int state, Instant at) {
        List<NsmClientHost> found = em.createQuery("SELECT h FROM NsmClientHost h"
                        + " WHERE h.callerName = :name AND h.address = :address", NsmClientHost.class)
                .setParameter("name", host.name()).setParameter("address", host.address())
                .getResultList();
        if (found.isEmpty()) {
            em.persist(new NsmClientHost(host.name(), host.address(), state, at));
        } else {
            found.get(0).recordAgain(state, at);
        }
    }

    /** The hosts recorded before {@code state}, most recently recorded first (sm-notify tells those first). */
    public List<MonitoredHost> recordedBefore(int state) {
        return em.createQuery("SELECT h FROM NsmClientHost h WHERE h.recordedState < :state"
                        + " ORDER BY h.recordedAt DESC", NsmClientHost.class)
                .setParameter("state", state).getResultList().stream()
                .map(h -> new MonitoredHost(h.getCallerName(), h.getAddress())).toList();
    }

    /** Forgets every address of the host named {@code callerName}; returns how many rows went. */
    public int forget(String callerName) {
        return em.createQuery("DELETE FROM NsmClientHost h WHERE h.callerName = :name")
                .setParameter("name", callerName).executeUpdate();
    }

    /** Forgets the host unless it was recorded again under {@code state} (it locked since it was told). */
    public int forgetNotified(MonitoredHost host, int state) {
        return em.createQuery("DELETE FROM NsmClientHost h WHERE h.callerName = :name AND h.address = :address"
                        + " AND h.recordedState < :state")
                .setParameter("name", host.name()).setParameter("address", host.address())
                .setParameter("state", state).executeUpdate();
    }
}
