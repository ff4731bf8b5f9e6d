package io.cistern.smb.server;

import io.cistern.smb.spi.SmbShare;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Session.TreeConnectTable of [MS-SMB2] 3.3.1.8: the session's tree connects by TreeId. TreeIds count up from 1
 * within the session and skip 0 (the "no tree" of requests before a TREE_CONNECT) and 0xFFFFFFFF (reserved,
 * 3.3.1.9), and any id still in use; they need not be unguessable, since a TreeId means something only inside the
 * session that made it. A session may hold at most {@link #MAX_TREES}, which bounds what a client can make the
 * server keep. Confined to the connection's event loop like the session.
 */
final class TreeConnectTable {
    static final int MAX_TREES = 1024;

    private final Map<Integer, TreeConnect> trees = new HashMap<>();
    private int lastTreeId;

    /** The tree connect, or null when the session has none with that id. */
    TreeConnect find(int treeId) {
        return trees.get(treeId);
    }

    /** A new tree connect under a fresh id; null when the session already has its maximum. */
    TreeConnect add(SmbShare share, int shareType, int maximalAccess) {
        if (trees.size() >= MAX_TREES) {
            return null;
        }
        int treeId = lastTreeId;
        do {
            treeId++;
        } while (treeId == 0 || treeId == -1 || trees.containsKey(treeId));
        lastTreeId = treeId;
        TreeConnect tree = new TreeConnect(treeId, share, shareType, maximalAccess);
        trees.put(treeId, tree);
        return tree;
    }

    /** Whether a tree connect with that id was there to remove. */
    boolean remove(int treeId) {
        return trees.remove(treeId) != null;
    }

    /** The session is gone: every tree connect with it ({@link SessionTable} has closed its opens first). */
    void clear() {
        trees.clear();
    }

    int size() {
        return trees.size();
    }

    /** The names of the application's shares connected, in tree id order (IPC$, which is none of them, left out). */
    List<String> shareNames() {
        return trees.values().stream().filter(tree -> tree.share() != null)
                .sorted(Comparator.comparingInt(TreeConnect::treeId))
                .map(tree -> tree.share().name()).toList();
    }
}
