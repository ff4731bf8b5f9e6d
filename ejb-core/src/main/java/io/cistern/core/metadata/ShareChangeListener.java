package io.cistern.core.metadata;

import io.cistern.core.model.Share;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Tells {@link ShareExports} about every share a transaction wrote: at once (so that the transaction's own readers
 * do not see the old rules) and again once it has ended (so that no reader that loaded the old row keeps it).
 */
public class ShareChangeListener {

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(Share share) {
        Long shareId = share.getId();
        if (shareId == null) {
            return;
        }
        ShareExports.drop(shareId);
        TransactionEnd.afterEnd(() -> ShareExports.drop(shareId));
    }
}
