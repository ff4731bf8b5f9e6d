package io.cistern.core.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Work for the end of the current JTA transaction: for the entity listeners that keep the caches true (they run in
 * the middle of a flush and may only act once the change is final), and for any bean whose in-memory state must
 * follow only what was committed. Outside a transaction the work runs at once. A package of its own, below every
 * other, so that any package may use it without a cycle.
 */
public final class TransactionEnd {
    /**
     * Found once per name: a JNDI lookup for each inode a transaction writes was a few percent of a CREATE. The
     * names are the module's own and resolve to the same objects for the deployment's life (this class is loaded
     * again with a new deployment).
     */
    private static final ConcurrentHashMap<String, Object> FOUND = new ConcurrentHashMap<>();

    private TransactionEnd() {
    }

    /** Runs {@code action} once the transaction has ended, committed or rolled back. */
    public static void afterEnd(Runnable action) {
        register(action, false);
    }

    /** Runs {@code action} once the transaction has committed; never when it rolls back. */
    public static void afterCommit(Runnable action) {
        register(action, true);
    }

    /** Whether the calling thread runs in a JTA transaction. */
    public static boolean inTransaction() {
        return lookup("java:comp/TransactionSynchronizationRegistry", TransactionSynchronizationRegistry.class)
                .getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
    }

    /** A JNDI name of this module, looked up once. */
    public static <T> T lookup(String name, Class<T> type) {
        Object found = FOUND.get(name);
        if (found == null) {
            try {
                found = new InitialContext().lookup(name);
            } catch (NamingException e) {
                throw new IllegalStateException("cannot find " + name, e);
            }
            FOUND.put(name, found);
        }
        return type.cast(found);
    }

    private static void register(Runnable action, boolean onlyCommitted) {
        TransactionSynchronizationRegistry registry = lookup("java:comp/TransactionSynchronizationRegistry",
                TransactionSynchronizationRegistry.class);
        if (registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            action.run();
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (!onlyCommitted || status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
