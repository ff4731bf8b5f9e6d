package io.cistern.core.metadata;

import io.cistern.core.model.Inode;
import io.cistern.core.payload.PayloadEngine;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Tells the {@link AttributeCache} about every inode a transaction wrote, once that transaction has ended.
 * Hooked to the entity itself, so no code path that changes an inode can forget it.
 */
public class InodeChangeListener {

    /** A deleted file's unuploaded writes are forgotten once the deletion has committed. */
    @PostRemove
    void removed(Inode inode) {
        written(inode);
        long inodeId = inode.getId();
        PayloadEngine engine = lookup("java:module/PayloadEngine", PayloadEngine.class);
        TransactionSynchronizationRegistry registry = lookup("java:comp/TransactionSynchronizationRegistry",
                TransactionSynchronizationRegistry.class);
        if (registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            engine.discard(inodeId);
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    engine.discard(inodeId);
                }
            }
        });
    }

    @PostPersist
    @PostUpdate
    void written(Inode inode) {
        long inodeId = inode.getId();
        AttributeCache cache = lookup("java:module/AttributeCache", AttributeCache.class);
        TransactionSynchronizationRegistry registry = lookup("java:comp/TransactionSynchronizationRegistry",
                TransactionSynchronizationRegistry.class);
        if (registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            cache.invalidate(inodeId);
            return;
        }
        // drop it now (so this transaction's readers do not see it) and again after the end (so no
        // reader that loaded the old row before the commit can keep it)
        cache.invalidate(inodeId);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.invalidate(inodeId);
            }
        });
    }

    /**
     * Found once per name: a JNDI lookup for each inode a transaction writes was a few percent of a CREATE. The
     * names are the module's own and resolve to the same objects for the deployment's life (this class is loaded
     * again with a new deployment).
     */
    private static final ConcurrentHashMap<String, Object> FOUND = new ConcurrentHashMap<>();

    private static <T> T lookup(String name, Class<T> type) {
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
}
