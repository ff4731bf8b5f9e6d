package io.cistern.smb.server;

import io.cistern.smb.spi.SmbBasicChange;
import io.cistern.smb.spi.SmbCreateAction;
import io.cistern.smb.spi.SmbDirEntry;
import io.cistern.smb.spi.SmbDirectoryReply;
import io.cistern.smb.spi.SmbFileInfo;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbInfoReply;
import io.cistern.smb.spi.SmbOpenReply;
import io.cistern.smb.spi.SmbOpenRequest;
import io.cistern.smb.spi.SmbOpenTarget;
import io.cistern.smb.spi.SmbReadReply;
import io.cistern.smb.spi.SmbUser;
import io.cistern.smb.spi.SmbVolumeReply;
import io.cistern.smb.spi.SmbWriteReply;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The file side of the listener double: an in-memory tree per share, with the contract's semantics (names resolve
 * case-insensitively, handles are file ids, a deleted file's handle is FILE_DELETED). Test code only.
 */
public final class MemoryFileTree {
    public static final long TOTAL_BYTES = 1L << 40;
    public static final long FREE_BYTES = 1L << 39;

    static final class Node {
        final long id;
        final boolean directory;
        Node parent;
        String name;
        byte[] data = new byte[0];
        int size;
        int mode;
        long creation = 1_700_000_000_000_000_000L;
        long access = creation;
        long write = creation;
        long change = creation;
        boolean deleted;
        final TreeMap<String, Node> children = new TreeMap<>();

        Node(long id, boolean directory, int mode) {
            this.id = id;
            this.directory = directory;
            this.mode = mode;
        }
    }

    private final Map<Long, Node> roots = new HashMap<>();
    private final Map<Long, Node> byId = new HashMap<>();
    private long lastId = 100;
    /** The next this many calls answer TRY_LATER. */
    public final AtomicInteger tryLater = new AtomicInteger();
    /** Every call, as "method path-or-id", in order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** Who each open ran as, in order. */
    public final List<SmbUser> openers = new CopyOnWriteArrayList<>();

    /** The watches of {@link #watch}: each sink with the directory it watches. */
    private final Map<io.cistern.smb.spi.SmbChangeSink, Node> watches = new java.util.LinkedHashMap<>();

    public synchronized SmbFileStatus watch(byte[] handle, io.cistern.smb.spi.SmbChangeSink sink) {
        Node node = byHandle(handle);
        if (node == null || node.deleted) {
            return SmbFileStatus.FILE_DELETED;
        }
        if (!node.directory) {
            return SmbFileStatus.NOT_A_DIRECTORY;
        }
        watches.put(sink, node);
        return SmbFileStatus.OK;
    }

    public synchronized void unwatch(io.cistern.smb.spi.SmbChangeSink sink) {
        watches.remove(sink);
    }

    public synchronized int watchCount() {
        return watches.size();
    }

    /** Tells the watches of {@code directory} (the directory itself only: this double has no subtree watches). */
    private void tell(Node directory, io.cistern.smb.spi.SmbChange.Action action, Node node, String name) {
        int filter = node.directory ? io.cistern.smb.spi.SmbChange.DIR_NAME : io.cistern.smb.spi.SmbChange.FILE_NAME;
        List<io.cistern.smb.spi.SmbChange> change = List.of(new io.cistern.smb.spi.SmbChange(action, List.of(name),
                filter));
        watches.forEach((sink, watched) -> {
            if (watched == directory) {
                sink.changed(change);
            }
        });
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private boolean busy(String call) {
        calls.add(call);
        return tryLater.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private Node root(long shareId) {
        return roots.computeIfAbsent(shareId, id -> register(new Node(id, true, 0755), null, ""));
    }

    private Node register(Node node, Node parent, String name) {
        node.parent = parent;
        node.name = name;
        byId.put(node.id, node);
        if (parent != null) {
            parent.children.put(key(name), node);
            touch(parent);
            tell(parent, io.cistern.smb.spi.SmbChange.Action.ADDED, node, name);
        }
        return node;
    }

    /** A directory whose entries changed gets new write and change times, as a real file system gives it. */
    private static void touch(Node directory) {
        directory.write = Math.max(directory.write + 1, directory.change + 1);
        directory.change = directory.write;
    }

    /** The node at the path, or null; {@code status[0]} says why when null. */
    private Node resolve(long shareId, List<String> path, SmbFileStatus[] status) {
        Node node = root(shareId);
        for (int i = 0; i < path.size(); i++) {
            Node child = node.children.get(key(path.get(i)));
            if (child == null || (i < path.size() - 1 && !child.directory)) {
                status[0] = i < path.size() - 1 ? SmbFileStatus.PATH_NOT_FOUND : SmbFileStatus.NOT_FOUND;
                return null;
            }
            node = child;
        }
        return node;
    }

    /** Adds a file with content, for tests that list or read. */
    public synchronized Node addFile(long shareId, List<String> path, byte[] content, int mode) {
        Node parent = resolve(shareId, path.subList(0, path.size() - 1), new SmbFileStatus[1]);
        Node node = register(new Node(++lastId, false, mode), parent, path.get(path.size() - 1));
        node.data = content.clone();
        node.size = content.length;
        return node;
    }

    public synchronized Node find(long shareId, List<String> path) {
        return resolve(shareId, path, new SmbFileStatus[1]);
    }

    public synchronized byte[] content(long shareId, List<String> path) {
        Node node = find(shareId, path);
        return node == null ? null : Arrays.copyOf(node.data, node.size);
    }

    private static SmbFileInfo info(Node node) {
        return new SmbFileInfo(node.id, node.directory, node.directory ? 0 : node.size,
                node.directory ? 0 : (node.size + 4095L) / 4096 * 4096, node.creation, node.access, node.write,
                node.change, node.mode, 1000, 1000, 1);
    }

    private static byte[] handle(Node node) {
        return ByteBuffer.allocate(8).putLong(node.id).array();
    }

    private Node byHandle(byte[] handle) {
        Node node = handle.length == 8 ? byId.get(ByteBuffer.wrap(handle).getLong()) : null;
        return node == null || node.deleted ? null : node;
    }

    public synchronized SmbOpenReply open(SmbUser user, long shareId, List<String> path, SmbOpenRequest request) {
        openers.add(user);
        if (busy("open " + path)) {
            return SmbOpenReply.failure(SmbFileStatus.TRY_LATER);
        }
        SmbFileStatus[] why = new SmbFileStatus[1];
        Node node = resolve(shareId, path, why);
        if (node == null && why[0] == SmbFileStatus.PATH_NOT_FOUND) {
            return SmbOpenReply.failure(why[0]);
        }
        if (node != null) {
            if (request.disposition() == io.cistern.smb.spi.SmbDisposition.CREATE) {
                return SmbOpenReply.failure(SmbFileStatus.EXISTS);
            }
            if (request.target() == SmbOpenTarget.DIRECTORY && !node.directory) {
                return SmbOpenReply.failure(SmbFileStatus.NOT_A_DIRECTORY);
            }
            if (request.target() == SmbOpenTarget.FILE && node.directory) {
                return SmbOpenReply.failure(SmbFileStatus.IS_A_DIRECTORY);
            }
            if (request.write() && !node.directory && (node.mode & 0200) == 0) {
                return SmbOpenReply.failure(SmbFileStatus.ACCESS_DENIED);
            }
            SmbCreateAction action = SmbCreateAction.OPENED;
            if (request.disposition().truncates()) {
                node.size = 0;
                action = SmbCreateAction.OVERWRITTEN;
            }
            return new SmbOpenReply(SmbFileStatus.OK, handle(node), info(node), action);
        }
        if (!request.disposition().creates()) {
            return SmbOpenReply.failure(SmbFileStatus.NOT_FOUND);
        }
        Node parent = resolve(shareId, path.subList(0, path.size() - 1), why);
        boolean directory = request.target() == SmbOpenTarget.DIRECTORY;
        int mode = (directory ? 0755 : 0644) & (request.readOnly() ? 0555 : 0777);
        Node created = register(new Node(++lastId, directory, mode), parent, path.get(path.size() - 1));
        return new SmbOpenReply(SmbFileStatus.OK, handle(created), info(created), SmbCreateAction.CREATED);
    }

    public synchronized SmbInfoReply fileInfo(byte[] handle) {
        Node node = byHandle(handle);
        return node == null ? SmbInfoReply.failure(SmbFileStatus.FILE_DELETED) : SmbInfoReply.ok(info(node));
    }

    public synchronized SmbReadReply read(byte[] handle, long offset, int length) {
        if (busy("read " + offset)) {
            return SmbReadReply.failure(SmbFileStatus.TRY_LATER);
        }
        Node node = byHandle(handle);
        if (node == null) {
            return SmbReadReply.failure(SmbFileStatus.FILE_DELETED);
        }
        if (node.directory) {
            return SmbReadReply.failure(SmbFileStatus.IS_A_DIRECTORY);
        }
        int from = (int) Math.min(offset, node.size);
        int count = Math.min(length, node.size - from);
        return new SmbReadReply(SmbFileStatus.OK, ByteBuffer.wrap(Arrays.copyOfRange(node.data, from, from + count)));
    }

    public synchronized SmbWriteReply write(byte[] handle, long offset, ByteBuffer data) {
        if (busy("write " + offset)) {
            return SmbWriteReply.failure(SmbFileStatus.TRY_LATER);
        }
        Node node = byHandle(handle);
        if (node == null) {
            return SmbWriteReply.failure(SmbFileStatus.FILE_DELETED);
        }
        int count = data.remaining();
        if (count == 0) {
            return new SmbWriteReply(SmbFileStatus.OK, 0, info(node));   // pwrite(2) of nothing extends nothing
        }
        int end = Math.toIntExact(offset + count);
        if (end > node.data.length) {
            node.data = Arrays.copyOf(node.data, Math.max(end, node.data.length * 2));
        }
        data.get(node.data, (int) offset, count);
        node.size = Math.max(node.size, end);
        return new SmbWriteReply(SmbFileStatus.OK, count, info(node));
    }

    public synchronized SmbDirectoryReply list(byte[] directory, long cookie, int maxEntries) {
        calls.add("list " + cookie);
        Node node = byHandle(directory);
        if (node == null) {
            return SmbDirectoryReply.failure(SmbFileStatus.FILE_DELETED);
        }
        List<Node> children = new ArrayList<>(node.children.values());
        List<SmbDirEntry> entries = new ArrayList<>();
        for (int i = (int) cookie; i < children.size() && entries.size() < maxEntries; i++) {
            entries.add(new SmbDirEntry(children.get(i).name, i + 1, info(children.get(i))));
        }
        boolean end = cookie + entries.size() >= children.size();
        return new SmbDirectoryReply(SmbFileStatus.OK, info(node), info(node.parent == null ? node : node.parent),
                entries, end);
    }

    /** The entries named {@code name} ignoring case, with the cookies {@link #list} gives them. */
    public synchronized SmbDirectoryReply listNamed(byte[] directory, String name) {
        calls.add("listNamed " + name);
        Node node = byHandle(directory);
        if (node == null) {
            return SmbDirectoryReply.failure(SmbFileStatus.FILE_DELETED);
        }
        List<Node> children = new ArrayList<>(node.children.values());
        List<SmbDirEntry> entries = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).name.equalsIgnoreCase(name)) {
                entries.add(new SmbDirEntry(children.get(i).name, i + 1, info(children.get(i))));
            }
        }
        return new SmbDirectoryReply(SmbFileStatus.OK, info(node), null, entries, true);
    }

    public synchronized SmbInfoReply setBasicInfo(byte[] handle, SmbBasicChange change) {
        Node node = byHandle(handle);
        if (node == null) {
            return SmbInfoReply.failure(SmbFileStatus.FILE_DELETED);
        }
        if (change.creationTime() != null) {
            node.creation = change.creationTime();
        }
        if (change.lastAccessTime() != null) {
            node.access = change.lastAccessTime();
        }
        if (change.lastWriteTime() != null) {
            node.write = change.lastWriteTime();
        }
        if (change.readOnly() != null) {
            node.mode = change.readOnly() ? node.mode & ~0222 : node.mode | 0200;
        }
        return SmbInfoReply.ok(info(node));
    }

    /** As chown and chmod for a user that is not root: the owner (uid 1000) may set the mode, not give it away. */
    public synchronized SmbInfoReply setSecurity(byte[] handle, io.cistern.smb.spi.SmbSecurityChange change) {
        Node node = byHandle(handle);
        if (node == null) {
            return SmbInfoReply.failure(SmbFileStatus.FILE_DELETED);
        }
        if (change.uid() != null && change.uid() != 1000 || change.gid() != null && change.gid() != 1000) {
            return SmbInfoReply.failure(SmbFileStatus.ACCESS_DENIED);
        }
        if (change.mode() != null) {
            node.mode = change.mode();
        }
        return SmbInfoReply.ok(info(node));
    }

    public synchronized SmbInfoReply setEndOfFile(byte[] handle, long size) {
        Node node = byHandle(handle);
        if (node == null) {
            return SmbInfoReply.failure(SmbFileStatus.FILE_DELETED);
        }
        node.data = Arrays.copyOf(node.data, Math.toIntExact(Math.max(size, node.data.length)));
        if (size < node.size) {
            Arrays.fill(node.data, (int) size, node.size, (byte) 0);
        }
        node.size = (int) size;
        return SmbInfoReply.ok(info(node));
    }

    public synchronized SmbFileStatus rename(long shareId, List<String> from, byte[] handle, List<String> to,
                                             boolean replace) {
        calls.add("rename " + from + " " + to);
        SmbFileStatus[] why = new SmbFileStatus[1];
        Node node = resolve(shareId, from, why);
        if (node == null || node != byHandle(handle)) {
            return SmbFileStatus.NOT_FOUND;
        }
        Node parent = resolve(shareId, to.subList(0, to.size() - 1), why);
        if (parent == null || !parent.directory) {
            return SmbFileStatus.PATH_NOT_FOUND;
        }
        Node existing = parent.children.get(key(to.get(to.size() - 1)));
        if (existing != null && existing != node) {
            if (!replace) {
                return SmbFileStatus.EXISTS;
            }
            if (existing.directory) {
                return SmbFileStatus.ACCESS_DENIED;
            }
            existing.deleted = true;
            parent.children.remove(key(existing.name));
            tell(parent, io.cistern.smb.spi.SmbChange.Action.REMOVED, existing, existing.name);
        }
        Node oldParent = node.parent;
        oldParent.children.remove(key(node.name));
        touch(oldParent);
        tell(oldParent, oldParent == parent ? io.cistern.smb.spi.SmbChange.Action.RENAMED_OLD_NAME
                : io.cistern.smb.spi.SmbChange.Action.REMOVED, node, node.name);
        String newName = to.get(to.size() - 1);
        node.parent = parent;
        node.name = newName;
        parent.children.put(key(newName), node);
        touch(parent);
        tell(parent, parent == oldParent ? io.cistern.smb.spi.SmbChange.Action.RENAMED_NEW_NAME
                : io.cistern.smb.spi.SmbChange.Action.ADDED, node, newName);
        return SmbFileStatus.OK;
    }

    public synchronized SmbFileStatus checkDelete(long shareId, List<String> path, byte[] handle) {
        calls.add("checkDelete " + path);
        Node node = find(shareId, path);
        if (node == null || node != byHandle(handle)) {
            return SmbFileStatus.NOT_FOUND;
        }
        return path.isEmpty() ? SmbFileStatus.ACCESS_DENIED
                : node.directory && !node.children.isEmpty() ? SmbFileStatus.NOT_EMPTY : SmbFileStatus.OK;
    }

    /** Another client's removal of an entry, behind the back of the opens of this tree. */
    /** Writes whose MODIFIED change is told only by {@link #announcePendingWrites}, as the server tells them later. */
    private final List<Runnable> untoldWrites = new ArrayList<>();

    /** A write to the file at {@code path} whose change the application has not told yet. */
    public synchronized void writtenUntold(long shareId, List<String> path) {
        Node node = find(shareId, path);
        untoldWrites.add(() -> tellModified(node.parent, node.name));
    }

    public synchronized void announcePendingWrites() {
        untoldWrites.forEach(Runnable::run);
        untoldWrites.clear();
    }

    private void tellModified(Node directory, String name) {
        List<io.cistern.smb.spi.SmbChange> change = List.of(new io.cistern.smb.spi.SmbChange(
                io.cistern.smb.spi.SmbChange.Action.MODIFIED, List.of(name),
                io.cistern.smb.spi.SmbChange.LAST_WRITE | io.cistern.smb.spi.SmbChange.SIZE));
        watches.forEach((sink, watched) -> {
            if (watched == directory) {
                sink.changed(change);
            }
        });
    }

    public synchronized void unlink(long shareId, List<String> path) {
        Node node = find(shareId, path);
        node.parent.children.remove(key(node.name));
        touch(node.parent);
        tell(node.parent, io.cistern.smb.spi.SmbChange.Action.REMOVED, node, node.name);
        node.deleted = true;
    }

    public synchronized SmbFileStatus delete(long shareId, List<String> path, byte[] handle) {
        calls.add("delete " + path);
        SmbFileStatus check = checkDelete(shareId, path, handle);
        if (check != SmbFileStatus.OK) {
            return check;
        }
        Node node = find(shareId, path);
        node.parent.children.remove(key(node.name));
        touch(node.parent);
        tell(node.parent, io.cistern.smb.spi.SmbChange.Action.REMOVED, node, node.name);
        node.deleted = true;
        return SmbFileStatus.OK;
    }

    public SmbVolumeReply volume() {
        return new SmbVolumeReply(SmbFileStatus.OK, TOTAL_BYTES, FREE_BYTES, FREE_BYTES);
    }
}
