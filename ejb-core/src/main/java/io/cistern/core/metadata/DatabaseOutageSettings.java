package io.cistern.core.metadata;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * How long a read waits for a database that went away. EclipseLink repeats a read that failed on a broken
 * connection (outside a transaction) 3 times, 5 s apart: during an outage every LOOKUP, READ or listing held one
 * of the few NFS request workers for over 10 s before its client heard anything, so that a handful of clients could
 * starve the rest. One quick repeat still covers a connection that broke between the pool's check and its use;
 * past it the client hears "try later" (DatabaseErrors) and repeats the call itself.
 */
public class DatabaseOutageSettings implements SessionCustomizer {
    static final int READ_REPEATS = 1;
    static final int MILLIS_BEFORE_REPEAT = 200;

    @Override
    public void customize(Session session) {
        DatabaseLogin login = session.getLogin();
        login.setQueryRetryAttemptCount(READ_REPEATS);
        login.setDelayBetweenConnectionAttempts(MILLIS_BEFORE_REPEAT);
    }
}
