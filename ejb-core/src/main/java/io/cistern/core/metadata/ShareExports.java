package io.cistern.core.metadata;

import io.cistern.core.fs.ExportOptions;
import io.cistern.core.model.Share;
import jakarta.persistence.EntityManager;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each share's export rules as last committed. Every NFS request checks its share's rules; reading the share
 * through an entity manager outside a transaction cost more than the rest of a GETATTR. Correct on one node
 * because every change of a share goes through JPA: {@link ShareChangeListener} drops it once its transaction
 * has ended. Static rather than a singleton bean: a call into a bean costs about what the lookup saves.
 * <p>
 * As in {@link AttributeCache}, a reader that loaded a share before a writer's commit must not store it after
 * the writer dropped it: it stores only if no share was dropped since it started (shares change seldom).
 */
final class ShareExports {
    /** A share's name and rules. */
    record Export(String name, ExportOptions options) {
    }

    private static final ConcurrentHashMap<Long, Export> SHARES = new ConcurrentHashMap<>();
    private static final AtomicLong DROPS = new AtomicLong();

    private ShareExports() {
    }

    /** The share's rules when they are in memory; null when they are not (or there is no such share). */
    static Export known(long shareId) {
        return SHARES.get(shareId);
    }

    /** The share's rules, or null when there is no such share. */
    static Export of(EntityManager em, long shareId) {
        Export known = SHARES.get(shareId);
        if (known != null) {
            return known;
        }
        long drops = DROPS.get();
        Share share = em.find(Share.class, shareId);
        if (share == null) {
            return null;
        }
        Export loaded = new Export(share.getName(), share.exportOptions());
        if (DROPS.get() == drops) {
            SHARES.put(shareId, loaded);
            if (DROPS.get() != drops) {
                SHARES.remove(shareId);   // a drop slipped in between the check and the put
            }
        }
        return loaded;
    }

    static void drop(long shareId) {
        DROPS.incrementAndGet();
        SHARES.remove(shareId);
    }
}
