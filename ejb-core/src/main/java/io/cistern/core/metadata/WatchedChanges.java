package io.cistern.core.metadata;

import io.cistern.core.fs.FileType;
import io.cistern.core.model.Inode;
import io.cistern.core.tx.TransactionEnd;
import io.cistern.core.watch.ChangeAspects;
import io.cistern.core.watch.DirectoryWatches.Delivery;
import io.cistern.core.watch.DirectoryWatches;
import io.cistern.core.watch.EntryChange.Kind;
import io.cistern.core.watch.EntryChange;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/**
 * The changes one transaction makes under watched directories ({@link DirectoryWatches}), handed to the hub once it
 * has committed (never when it rolls back). Kept by {@link Nodes}, through which every entry is added, moved or
 * removed whatever the protocol, and told by {@link AttributeUpdate} of every attribute change. When nothing is
 * watched each call is one look at the hub; the parent and the names up to a watched ancestor are read only when a
 * watch may want them. One instance per {@link Nodes}, used by one thread.
 */
final class WatchedChanges {
    private final EntityManager em;
    private final DirectoryWatches hub = DirectoryWatches.hub();
    private List<Delivery> deliveries;

    WatchedChanges(EntityManager em) {
        this.em = em;
    }

    void added(long parentId, byte[] name, long childId) {
        if (!hub.idle()) {
            entry(parentId, name, childId, Kind.ADDED);
        }
    }

    void removed(long parentId, byte[] name, long childId) {
        if (!hub.idle()) {
            entry(parentId, name, childId, Kind.REMOVED);
        }
    }

    /** A rename: within one directory the old and the new name, across two a removal and an addition (as Windows). */
    void moved(long fromParentId, byte[] fromName, long toParentId, byte[] toName, long childId) {
        if (hub.idle()) {
            return;
        }
        boolean sameDirectory = fromParentId == toParentId;
        entry(fromParentId, fromName, childId, sameDirectory ? Kind.RENAMED_OLD_NAME : Kind.REMOVED);
        entry(toParentId, toName, childId, sameDirectory ? Kind.RENAMED_NEW_NAME : Kind.ADDED);
    }

    /** The attributes of {@code inode} changed: MODIFIED under each name it has. */
    void modified(Inode inode, int aspects) {
        if (hub.idle() || aspects == 0 || !hub.watchesIn(inode.getShareId())) {
            return;
        }
        // by its entries, not its parentId: a file's parentId is where it was created (hard links have several)
        @SuppressWarnings("unchecked")
        List<Object[]> names = em.createNativeQuery("select parent_id, name from dirent where child_id = ?1")
                .setParameter(1, inode.getId()).getResultList();
        for (Object[] row : names) {
            record(((Number) row[0]).longValue(), inode.getShareId(), (byte[]) row[1], Kind.MODIFIED, aspects);
        }
    }

    private void entry(long parentId, byte[] name, long childId, Kind kind) {
        Inode parent = em.find(Inode.class, parentId);
        if (parent == null || !hub.watchesIn(parent.getShareId())) {
            return;
        }
        Inode child = em.find(Inode.class, childId);
        boolean directory = child != null && child.getType() == FileType.DIRECTORY.code();
        record(parentId, parent.getShareId(), name, kind, ChangeAspects.name(directory));
    }

    private void record(long parentId, long shareId, byte[] name, Kind kind, int aspects) {
        String text = new String(name, StandardCharsets.UTF_8);
        if (hub.watchesDirectory(parentId)) {
            deliver(new Delivery(parentId, false, new EntryChange(kind, List.of(text), aspects)));
        }
        if (hub.watchesSubtreeIn(shareId)) {
            recordForAncestors(parentId, text, kind, aspects);
        }
    }

    /** For each ancestor whose subtree is watched: the change with its path from there. */
    private void recordForAncestors(long parentId, String name, Kind kind, int aspects) {
        LinkedList<String> path = new LinkedList<>(List.of(name));
        Inode current = em.find(Inode.class, parentId);
        while (current != null && current.getParentId() != current.getId() && current.getParentId() != 0) {
            long above = current.getParentId();
            if (!anyAncestorWatched(above)) {
                return;
            }
            byte[] currentName = nameIn(above, current.getId());
            if (currentName == null) {
                return;
            }
            path.addFirst(new String(currentName, StandardCharsets.UTF_8));
            if (hub.watchesSubtreeOf(above)) {
                deliver(new Delivery(above, true, new EntryChange(kind, path, aspects)));
            }
            current = em.find(Inode.class, above);
        }
    }

    /** Whether a subtree watch sits on {@code directoryId} or above it; ids only, no names read. */
    private boolean anyAncestorWatched(long directoryId) {
        Inode current = em.find(Inode.class, directoryId);
        while (current != null) {
            if (hub.watchesSubtreeOf(current.getId())) {
                return true;
            }
            if (current.getParentId() == current.getId() || current.getParentId() == 0) {
                return false;
            }
            current = em.find(Inode.class, current.getParentId());
        }
        return false;
    }

    private byte[] nameIn(long parentId, long childId) {
        List<?> found = em.createNativeQuery("select name from dirent where parent_id = ?1 and child_id = ?2")
                .setParameter(1, parentId).setParameter(2, childId).setMaxResults(1).getResultList();
        return found.isEmpty() ? null : (byte[]) found.get(0);
    }

    private void deliver(Delivery delivery) {
        if (deliveries == null) {
            if (!TransactionEnd.inTransaction()) {
                hub.deliver(List.of(delivery));
                return;
            }
            deliveries = new ArrayList<>();
            List<Delivery> committed = deliveries;
            TransactionEnd.afterCommit(() -> hub.deliver(committed));
        }
        deliveries.add(delivery);
    }
}
