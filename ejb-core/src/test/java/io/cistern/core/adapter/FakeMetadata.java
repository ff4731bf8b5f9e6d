package io.cistern.core.adapter;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.DirectoryChange;
import io.cistern.core.fs.DirectoryItem;
import io.cistern.core.fs.DirectoryPage;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileHandles;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.NodeChange;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.fs.WccAttributes;
import io.cistern.core.metadata.MetadataService;
import io.cistern.nfs.spi.NfsCaller;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A MetadataService without a container: one share with a small tree held in maps, enough to drive the
 * adapter's classes through their decisions. Only the methods they call are answered; the permission checks
 * use the real PosixRules, so that the adapter is tested against the rules it will meet.
 */
class FakeMetadata extends MetadataService {
    static final long SHARE = 5;
    static final FileHandles HANDLES = new FileHandles(new byte[FileHandles.SECRET_BYTES]);
    static final NfsCaller ALICE = caller(1000, "127.0.0.1");

    final Map<Long, Attributes> inodes = new HashMap<>();
    /** directory inode → (dirent cookie → entry) */
    final Map<Long, TreeMap<Long, DirectoryItem>> entries = new HashMap<>();
    final Map<Long, Long> parents = new HashMap<>();
    final Set<String> refusedClients = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    private long nextInode = 100;
    private long nextCookie = 1;

    static NfsCaller caller(int uid, String address) {
        return new NfsCaller(new InetSocketAddress(address, 700), true, uid, uid, List.of(), "client");
    }

    static NfsCallers callers(MetadataService metadata) {
        return new NfsCallers(metadata, () -> HANDLES);
    }

    static byte[] handle(Attributes attributes) {
        return HANDLES.encode(attributes.handle());
    }

    Attributes root() {
        return inodes.get(1L);
    }

    FakeMetadata() {
        inodes.put(1L, node(1, FileType.DIRECTORY, 0755, 1000, 0));
        parents.put(1L, 1L);
        entries.put(1L, new TreeMap<>());
    }

    Attributes add(Attributes directory, String name, FileType type, int mode, int uid) {
        Attributes child = node(nextInode++, type, mode, uid, 0);
        inodes.put(child.inodeId(), child);
        parents.put(child.inodeId(), directory.inodeId());
        if (type == FileType.DIRECTORY) {
            entries.put(child.inodeId(), new TreeMap<>());
        }
        long cookie = nextCookie++;
        entries.get(directory.inodeId()).put(cookie, new DirectoryItem(cookie, name.getBytes(), child));
        return child;
    }

    /** Makes later entries get cookies from {@code cookie} on, as after the sequence allocated a new block. */
    void skipCookiesTo(long cookie) {
        nextCookie = cookie;
    }

    static Attributes node(long id, FileType type, int mode, int uid, long size) {
        return new Attributes(id, SHARE, type, mode, type == FileType.DIRECTORY ? 2 : 1, uid, uid, size, 0,
                10, 20, 30, 5, 1, 1);
    }

    @Override
    public Caller nfsCaller(FileHandle handle, int uid, int gid, Collection<Integer> groups, InetAddress client) {
        if (refusedClients.contains(client.getHostAddress())) {
            throw new FsException(FsError.ACCESS, "client not allowed");
        }
        return new Caller(uid, gid, Set.copyOf(groups));
    }

    @Override
    public FileHandle root(String shareName) {
        if (!shareName.equals("data")) {
            throw new FsException(FsError.NOT_FOUND, "no share named " + shareName);
        }
        return root().handle();
    }

    @Override
    public Map<String, List<String>> nfsExports() {
        Map<String, List<String>> exports = new LinkedHashMap<>();
        exports.put("data", List.of());
        exports.put("lab", List.of("10.0.0.0/8", "fd00::/8"));
        return exports;
    }

    @Override
    public Attributes getattr(FileHandle handle) {
        calls.add("getattr " + handle.inodeId());
        Attributes attributes = inodes.get(handle.inodeId());
        if (attributes == null || attributes.generation() != handle.generation()) {
            throw new FsException(FsError.STALE, "stale");
        }
        return attributes;
    }

    @Override
    public int access(Caller caller, FileHandle handle, int wanted) {
        return PosixRules.allowed(caller, getattr(handle).permissions()) & wanted;
    }

    @Override
    public Attributes parent(Caller caller, FileHandle directory) {
        Attributes dir = searchable(caller, directory);
        return inodes.get(parents.get(dir.inodeId()));
    }

    @Override
    public Attributes lookup(Caller caller, FileHandle directory, byte[] name) {
        Attributes dir = searchable(caller, directory);
        PosixRules.requireValidName(name);
        return entries.get(dir.inodeId()).values().stream().filter(e -> Arrays.equals(e.name(), name)).findFirst()
                .orElseThrow(() -> new FsException(FsError.NOT_FOUND, "no such name")).attributes();
    }

    @Override
    public DirectoryPage readdir(Caller caller, FileHandle directory, long cookie, int maxEntries) {
        calls.add("readdir " + cookie + " " + maxEntries);
        Attributes dir = directory(directory);
        PosixRules.requireAccess(caller, dir.permissions(), PosixRules.READ, "list this directory");
        List<DirectoryItem> after = new ArrayList<>(entries.get(dir.inodeId()).tailMap(cookie, false).values());
        List<DirectoryItem> page = after.subList(0, Math.min(after.size(), maxEntries));
        return new DirectoryPage(dir, page, 4242 + dir.change(), after.size() <= maxEntries);
    }

    @Override
    public NodeChange create(Caller caller, FileHandle directory, byte[] name, int mode, CreateMode how,
                             long verifier) {
        calls.add("create " + how + " " + Integer.toOctalString(mode) + " " + verifier);
        Attributes dir = directory(directory);
        WccAttributes before = dir.wcc();
        DirectoryItem existing = entries.get(dir.inodeId()).values().stream()
                .filter(e -> Arrays.equals(e.name(), name)).findFirst().orElse(null);
        if (existing != null) {
            if (how != CreateMode.UNCHECKED || existing.attributes().type() != FileType.REGULAR) {
                throw new FsException(FsError.EXISTS, "exists");
            }
            return new NodeChange(existing.attributes(), new DirectoryChange(before, dir));
        }
        Attributes made = add(dir, new String(name), FileType.REGULAR, mode, caller.uid());
        return new NodeChange(made, new DirectoryChange(before, dir));
    }

    @Override
    public NodeChange mkdir(Caller caller, FileHandle directory, byte[] name, int mode) {
        calls.add("mkdir " + Integer.toOctalString(mode));
        Attributes dir = directory(directory);
        return new NodeChange(add(dir, new String(name), FileType.DIRECTORY, mode, caller.uid()),
                new DirectoryChange(dir.wcc(), dir));
    }

    @Override
    public Attributes setattr(Caller caller, FileHandle handle, AttributeChanges changes, Long guardCtime) {
        calls.add("setattr " + changes);
        Attributes a = getattr(handle);
        Attributes changed = new Attributes(a.inodeId(), a.shareId(), a.type(),
                changes.mode() == null ? a.mode() : changes.mode(), a.nlink(),
                changes.uid() == null ? a.uid() : changes.uid(), changes.gid() == null ? a.gid() : changes.gid(),
                changes.size() == null ? a.size() : changes.size(), a.rdev(), a.atime(), a.mtime(), a.ctime(),
                a.birthTime(), a.change() + 1, a.generation());
        inodes.put(a.inodeId(), changed);
        return changed;
    }

    private Attributes directory(FileHandle handle) {
        Attributes dir = getattr(handle);
        if (dir.type() != FileType.DIRECTORY) {
            throw new FsException(FsError.NOT_DIRECTORY, "not a directory");
        }
        return dir;
    }

    private Attributes searchable(Caller caller, FileHandle handle) {
        Attributes dir = directory(handle);
        PosixRules.requireAccess(caller, dir.permissions(), PosixRules.EXECUTE, "search this directory");
        return dir;
    }
}
