package io.cistern.core.metadata;

import io.cistern.core.metadata.AttributeCache.NameUpdate;
import io.cistern.core.model.Inode;
import io.cistern.core.tx.TransactionEnd;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry names one transaction changes, per directory, so that once it has committed the {@link AttributeCache}
 * can carry its cached names of those directories over to their new change counters ({@link AttributeCache#carryNames}).
 * Kept by {@link Nodes}, through which every entry is added, moved or removed, so that no path can change a name
 * without it being here; a directory whose counter at lock time is unknown has its cached names forgotten instead.
 * One instance per {@link Nodes}, used by one thread.
 */
final class NameChanges {
    /** Inodes locked in this transaction, with their change counter as locked. */
    private final Map<Long, Locked> locked = new HashMap<>();
    private final Map<Long, List<NameUpdate>> updates = new LinkedHashMap<>();
    private boolean registered;

    private record Locked(Inode inode, long changeAtLock) {
    }

    void locked(Inode inode) {
        locked.putIfAbsent(inode.getId(), new Locked(inode, inode.getChange()));
    }

    /** Whether this transaction already holds the row lock of the inode (taken through {@link Nodes#lock}). */
    boolean holdsLock(long inodeId) {
        return locked.containsKey(inodeId);
    }

    void added(long parentId, byte[] name, long childId) {
        log(parentId, new NameUpdate(name.clone(), childId));
    }

    void removed(long parentId, byte[] name) {
        log(parentId, new NameUpdate(name.clone(), null));
    }

    private void log(long parentId, NameUpdate update) {
        updates.computeIfAbsent(parentId, id -> new ArrayList<>()).add(update);
        if (!registered && TransactionEnd.inTransaction()) {
            registered = true;
            TransactionEnd.afterCommit(this::apply);
        }
    }

    /** After the commit: the locked entities hold the counters the transaction wrote. */
    private void apply() {
        AttributeCache cache = TransactionEnd.lookup("java:module/MetadataCaches", MetadataCaches.class).attributes();
        for (Map.Entry<Long, List<NameUpdate>> directory : updates.entrySet()) {
            Locked dir = locked.get(directory.getKey());
            if (dir == null) {
                cache.forgetNames(directory.getKey());
            } else {
                cache.carryNames(directory.getKey(), dir.changeAtLock(), dir.inode().getChange(), directory.getValue());
            }
        }
    }
}
