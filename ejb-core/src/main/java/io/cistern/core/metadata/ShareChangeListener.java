package io.cistern.core.metadata;

import io.cistern.core.model.Share;
import io.cistern.core.tx.TransactionEnd;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Tells {@link ShareExports} about every share a transaction wrote: at once (so that the transaction's own readers
 * do not see the old rules) and again once it has ended (so that no reader that loaded the old row keeps it).
 */
public class ShareChangeListener {
    private static final java.util.concurrent.atomic.AtomicLong CHANGES = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A number that grows with every share or share permission written, for caches of share lists: one read before loading a list and
     * still the same afterwards means no share changed in between (it also grows when the writing transaction ends).
     */
    public static long changes() {
        return CHANGES.get();
    }

    /** A change that share list caches must see: counted now and again when its transaction has ended. */
    static void countChange() {
        CHANGES.incrementAndGet();
        TransactionEnd.afterEnd(CHANGES::incrementAndGet);
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(Share share) {
        Long shareId = share.getId();
        if (shareId == null) {
            return;
        }
        CHANGES.incrementAndGet();
        ShareExports.drop(shareId);
        TransactionEnd.afterEnd(() -> {
            CHANGES.incrementAndGet();
            ShareExports.drop(shareId);
        });
    }
}
