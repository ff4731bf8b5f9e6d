package io.cistern.core.service;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether an administrator wants each protocol listener open. Each adapter asks every second through its MDB, so
 * the answer comes from memory: the stored switches are read once, and again after each change. Until they could be
 * read (the database is down at start) every listener is wanted open, as on an installation that never switched one
 * off; the switches are read again at the next question.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// each change commits in ListenerSettings' own transaction before the memory follows it
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ListenerSwitches {
    private static final Logger LOG = Logger.getLogger(ListenerSwitches.class.getName());

    @EJB
    private ListenerSettings settings;

    /** The stored switches by protocol; null until read. */
    private volatile Map<String, Boolean> stored;
    private volatile boolean readFailed;

    /** Whether the listener of {@code protocol} ({@link ListenerRegistry#NFS}, {@link ListenerRegistry#SMB}) is wanted. */
    public boolean enabled(String protocol) {
        Map<String, Boolean> known = stored != null ? stored : read();
        return known == null || known.getOrDefault(protocol, Boolean.TRUE);
    }

    /** Stores the switch (committed when this returns), then answers with it. */
    public synchronized void set(String protocol, boolean enabled, String changedBy) {
        settings.save(protocol, enabled, changedBy);
        stored = settings.all();
    }

    private Map<String, Boolean> read() {
        try {
            Map<String, Boolean> all = settings.all();
            stored = all;
            if (readFailed) {
                LOG.info("listener switches read from the database");
            }
            readFailed = false;
            return all;
        } catch (RuntimeException e) {
            if (!readFailed) {
                LOG.log(Level.WARNING, "listener switches cannot be read yet; listeners stay open until they can: {0}",
                        e.getMessage());
            }
            readFailed = true;
            return null;
        }
    }
}
