package io.cistern.core.nsm;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What a lock server's status monitor remembers across restarts: its state number, raised at every start, and the
 * client hosts holding locks, which are told after the next start that their locks are gone (so that they reclaim
 * them during the grace period) and forgotten once told or once they say they restarted themselves.
 * <p>
 * A host is recorded when it asks for a lock, before the lock is taken, as Linux lockd has statd record it (SM_MON)
 * before it grants one: a lock the client holds while the server does not know the client could not be reclaimed
 * after a crash. A set in memory of the hosts recorded in this life keeps that to one database write per host and
 * start, not one per lock.
 * <p>
 * No container transaction around the methods: each write in {@link HostRecords} commits on its own, before the
 * method returns, so that nobody sees a host as recorded before its row is durable.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HostMonitor {
    private static final Logger LOG = Logger.getLogger(HostMonitor.class.getName());

    @EJB
    private HostRecords records;

    /** Hosts whose row says this state: no need to write again. */
    private final Set<MonitoredHost> recorded = ConcurrentHashMap.newKeySet();
    /** Serialises the writes, so that a host is written once and a forgetting does not cross a recording. */
    private final Object writing = new Object();
    private volatile int state;

    /** For the container, which raises the state number in {@link #start()}. */
    public HostMonitor() {
    }

    /** A monitor over {@code records} that has just started: the state number is raised at once. */
    public HostMonitor(HostRecords records) {
        this.records = records;
        start();
    }

    @PostConstruct
    void start() {
        state = records.advanceState(Instant.now());
        LOG.info("NSM state number " + state + "; client hosts that held locks before this start are told of it");
    }

    /** This start's state number: odd, and larger than that of every start before. */
    public int state() {
        return state;
    }

    /** The host asks for a lock: it is recorded, durably, unless it already was in this life. */
    public void lockedBy(String callerName, InetAddress from) {
        MonitoredHost host = new MonitoredHost(callerName, from.getHostAddress());
        if (recorded.contains(host)) {
            return;
        }
        synchronized (writing) {
            if (!recorded.contains(host)) {
                records.record(host, state, Instant.now());
                recorded.add(host);
            }
        }
    }

    /**
     * The host said it restarted (NSM SM_NOTIFY from it, NLM FREE_ALL): it holds nothing any more, so there is nothing
     * to tell it after a restart of this server until it locks again. Every address it came from goes.
     */
    public void rebooted(String callerName) {
        synchronized (writing) {
            recorded.removeIf(host -> host.name().equals(callerName));
            records.forget(callerName);
        }
    }

    /** The hosts to tell of this start: recorded before it, and neither told nor restarted themselves since. */
    public List<MonitoredHost> toNotify() {
        return records.recordedBefore(state);
    }

    /** The host was told of this start; it stays recorded only if it locked again since. */
    public void notified(MonitoredHost host) {
        records.forgetNotified(host, state);
    }
}
