package io.cistern.core.metadata;

import io.cistern.core.model.SharePermission;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Counts every share permission row written in {@link ShareChangeListener#changes()}: who may use a share is part of
 * what the SMB share list cache holds, so a permission change must clear it like a share change does.
 */
public class SharePermissionChangeListener {
    @PostPersist
    @PostUpdate
    @PostRemove
    void written(SharePermission permission) {
        ShareChangeListener.countChange();
    }
}
