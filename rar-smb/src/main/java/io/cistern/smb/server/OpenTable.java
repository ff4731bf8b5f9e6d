package io.cistern.smb.server;

import io.cistern.smb.wire.Smb2FileId;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Session.OpenTable of [MS-SMB2] 3.3.1.8: the session's opens by FileId. The volatile part is random, so that
 * nobody guesses another open's id; the persistent part counts up (no durable handles exist to need more). A
 * FileId names an open only together with its tree connect (3.3.5.x: another tree's FileId is STATUS_FILE_CLOSED).
 * At most {@link #MAX_OPENS}, which bounds what one client can make the server keep. Confined to the event loop.
 */
final class OpenTable {
    static final int MAX_OPENS = 16384;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Long, SmbOpen> opens = new HashMap<>();
    private long lastPersistent;

    /** Gives the open a fresh FileId and keeps it; false when the session has its maximum. */
    boolean add(SmbOpen open) {
        if (opens.size() >= MAX_OPENS) {
            return false;
        }
        long volatileId;
        do {
            volatileId = RANDOM.nextLong();
        } while (volatileId == 0 || volatileId == -1L || opens.containsKey(volatileId));
        open.fileId(new Smb2FileId(++lastPersistent, volatileId));
        opens.put(volatileId, open);
        return true;
    }

    /** The open that FileId names on tree {@code treeId}, or null. */
    SmbOpen find(Smb2FileId fileId, int treeId) {
        SmbOpen open = opens.get(fileId.volatileId());
        return open != null && open.fileId().equals(fileId) && open.tree().treeId() == treeId ? open : null;
    }

    /** The open whose resume key is {@code key}, on any tree of the session, or null. */
    SmbOpen findByResumeKey(byte[] key) {
        for (SmbOpen open : opens.values()) {
            if (open.hasResumeKey(key)) {
                return open;
            }
        }
        return null;
    }

    boolean remove(SmbOpen open) {
        return opens.remove(open.fileId().volatileId(), open);
    }

    /** Takes out every open of one tree connect (TREE_DISCONNECT). */
    List<SmbOpen> removeTree(int treeId) {
        List<SmbOpen> removed = new ArrayList<>();
        opens.values().removeIf(open -> {
            if (open.tree().treeId() == treeId) {
                removed.add(open);
                return true;
            }
            return false;
        });
        return removed;
    }

    /** Takes out every open (LOGOFF, the connection closing). */
    List<SmbOpen> removeAll() {
        List<SmbOpen> removed = new ArrayList<>(opens.values());
        opens.clear();
        return removed;
    }

    int size() {
        return opens.size();
    }
}
