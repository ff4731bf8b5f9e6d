package io.cistern.core.metadata;

import io.cistern.core.model.Inode;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.tx.TransactionEnd;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

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
        PayloadEngine engine = TransactionEnd.lookup("java:module/PayloadEngine", PayloadEngine.class);
        TransactionEnd.afterCommit(() -> engine.discard(inodeId));
    }

    /**
     * Drops the inode now (so that this transaction's readers do not see it) and again after the end (so that no
     * reader that loaded the old row before the commit can keep it).
     */
    @PostPersist
    @PostUpdate
    void written(Inode inode) {
        long inodeId = inode.getId();
        AttributeCache cache = TransactionEnd.lookup("java:module/MetadataCaches", MetadataCaches.class).attributes();
        cache.invalidate(inodeId);
        TransactionEnd.afterEnd(() -> cache.invalidate(inodeId));
    }
}
