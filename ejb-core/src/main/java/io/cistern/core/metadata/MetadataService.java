package io.cistern.core.metadata;

import io.cistern.core.config.CisternSettings;
import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.DirectoryChange;
import io.cistern.core.fs.DirectoryPage;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.FsStat;
import io.cistern.core.fs.NamedAttributes;
import io.cistern.core.fs.NodeChange;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.fs.Renamed;
import io.cistern.core.model.DirEntry;
import io.cistern.core.model.Inode;
import io.cistern.core.model.Share;
import io.cistern.core.payload.PayloadEngine;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The file system's metadata: every operation NFS and SMB need, each one JTA transaction (or, for the commonest
 * creates, removes and renames, one statement that is its own transaction: {@link OneTripMutations}), with the POSIX
 * rules applied in this package and nowhere else. Callers pass the effective identity ({@link Caller}, after the
 * share's squash rules) and handles; the service answers with attributes or an {@link FsException}.
 */
@Stateless
public class MetadataService {
    /** What a share may still grow to in inodes: far more than PostgreSQL will ever hold for it. */
    static final long FILES_LIMIT = 1L << 40;
    /** The most names one inode can have (NFS PATHCONF linkmax); one more link fails with TOO_MANY_LINKS. */
    public static final int LINK_LIMIT = NodeCreation.MAX_LINKS;

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private MetadataCaches caches;

    @EJB
    private PayloadEngine payload;

    /** Asked for once, then called directly: each call into a bean goes through the container. */
    private AttributeCache cache;
    private UnuploadedWrites.Source unuploaded;
    private OneTripStatements oneTripStatements;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Resource(lookup = "jdbc/cistern")
    private DataSource dataSource;

    @EJB
    private InTransaction inTransaction;

    @PostConstruct
    void findCaches() {
        cache = caches.attributes();
        oneTripStatements = caches.oneTrip();
        unuploaded = UnuploadedWrites.Source.of(payload);
    }

    /**
     * The identity an NFS request runs as on the share of the handle: refused (ACCESS) when the client's
     * address is not among the share's allowed networks, otherwise squashed by the share's export rules.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Caller nfsCaller(FileHandle handle, int uid, int gid, Collection<Integer> groups, InetAddress client) {
        ShareExports.Export share = ShareExports.of(em, handle.shareId());
        if (share == null) {
            throw new FsException(FsError.STALE, "the share no longer exists");
        }
        if (!share.options().allowsClient(client)) {
            throw new FsException(FsError.ACCESS, "client " + client.getHostAddress() + " may not use share '"
                    + share.name() + "'");
        }
        return share.options().squash(uid, gid, groups);
    }

    /** The same answers from memory alone, for threads that must not wait on the database. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public MemoryMetadata inMemory() {
        return new MemoryMetadata(cache, unuploaded, ShareExports::known);
    }

    /** The handle of a share's top directory. */
    public FileHandle root(String shareName) {
        List<Share> shares = em.createQuery("select s from Share s where s.name = :name", Share.class)
                .setParameter("name", shareName).getResultList();
        if (shares.isEmpty() || shares.get(0).getRootInodeId() == null) {
            throw new FsException(FsError.NOT_FOUND, "no share named '" + shareName + "'");
        }
        return getattrOf(shares.get(0).getRootInodeId()).handle();
    }

    /** Every mountable share's name with the client networks allowed to mount it (empty: every client), by name. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, List<String>> nfsExports() {
        Map<String, List<String>> exports = new LinkedHashMap<>();
        for (Share share : em.createQuery("select s from Share s where s.rootInodeId is not null order by s.name",
                Share.class).getResultList()) {
            exports.put(share.getName(), share.exportOptions().allowedNetworks());
        }
        return exports;
    }

    /** Answered from the {@link AttributeCache} while the inode is unchanged; no transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Attributes getattr(FileHandle handle) {
        UnuploadedWrites writes = unuploaded.of(handle.inodeId());
        return writes.applyTo(storedAttributes(handle));
    }

    private Attributes storedAttributes(FileHandle handle) {
        Attributes cached = cache.attributes(handle);
        if (cached != null) {
            return cached;
        }
        return cache.readAndStore(handle.inodeId(), () -> Nodes.attributes(new Nodes(em).find(handle)), mayFillCache());
    }

    /**
     * Before a READ: the file's attributes, once the caller may read it. The owner may read a file whose mode
     * denies it (knfsd's owner override: a client checks permission at open, and then reads with the same
     * credentials after a chmod).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Attributes checkRead(Caller caller, FileHandle handle) {
        Attributes file = requireRegular(getattr(handle));
        if (caller.uid() != file.uid()) {
            PosixRules.requireAccess(caller, file.permissions(), PosixRules.READ, "read this file");
        }
        return file;
    }

    /** Before a WRITE: the file's attributes, once the share is writable and the caller may write (owner override). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Attributes checkWrite(Caller caller, FileHandle handle) {
        Attributes file = requireRegular(getattr(handle));
        ShareExports.Export share = ShareExports.of(em, file.shareId());
        if (share == null || share.options().readOnly()) {
            throw new FsException(FsError.READ_ONLY, "the share is read-only");
        }
        if (caller.uid() != file.uid()) {
            PosixRules.requireAccess(caller, file.permissions(), PosixRules.WRITE, "write this file");
        }
        return file;
    }

    /** A write by someone other than root clears set-user-id and set-group-id (as Linux does). */
    public Attributes clearSetIdBitsAfterWrite(Caller caller, FileHandle handle) {
        Inode inode = new Nodes(em).lock(handle);
        int mode = PosixRules.modeAfterWrite(caller, Mutation.subject(inode));
        if (mode != inode.getMode()) {
            inode.setMode(mode);
            inode.changed(Mutation.nowNanos());
        }
        return flushed(Nodes.attributes(inode));
    }

    private static Attributes requireRegular(Attributes file) {
        if (file.type() == FileType.DIRECTORY) {
            throw new FsException(FsError.IS_DIRECTORY, "a directory has no contents to read or write");
        }
        if (file.type() != FileType.REGULAR) {
            throw new FsException(FsError.INVALID, "only regular files have contents");
        }
        return file;
    }

    /**
     * The entry {@code name} of a directory: needs search (execute) permission on it. Answered from the
     * {@link AttributeCache} while the directory and the child are unchanged.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Attributes lookup(Caller caller, FileHandle directory, byte[] name) {
        Attributes dir = searchableDirectory(caller, directory);
        PosixRules.requireValidName(name);
        Nodes nodes = new Nodes(em);
        Attributes cached = cachedEntry(nodes, dir, name);
        if (cached != null) {
            return cached;
        }
        long childId = nodes.childId(dir.inodeId(), name)
                .orElseThrow(() -> new FsException(FsError.NOT_FOUND, "no such file or directory"));
        return readEntry(nodes, dir, name, childId);
    }

    /** A directory's attributes, once it is one and the caller may search it. */
    private Attributes searchableDirectory(Caller caller, FileHandle directory) {
        Attributes dir = getattr(directory);
        if (dir.type() != FileType.DIRECTORY) {
            throw new FsException(FsError.NOT_DIRECTORY, "not a directory");
        }
        PosixRules.requireAccess(caller, dir.permissions(), PosixRules.EXECUTE, "search this directory");
        return dir;
    }

    /** The child {@code name} means, when the name and the child's attributes are cached; null otherwise. */
    private Attributes cachedEntry(Nodes nodes, Attributes dir, byte[] name) {
        Long cachedChild = cache.child(dir.inodeId(), name, dir.change());
        if (cachedChild == null) {
            return null;
        }
        // the name is known; the child's attributes may not be (a change to the file, its upload, dropped them)
        Attributes child = attributesOf(nodes, cachedChild);
        return child == null ? null : unuploaded.of(cachedChild).applyTo(child);
    }

    /** The attributes of the child the entry {@code name} names, read; the name and they are kept for next time. */
    private Attributes readEntry(Nodes nodes, Attributes dir, byte[] name, long childId) {
        UnuploadedWrites writes = unuploaded.of(childId);
        Attributes child = cache.attributes(childId);
        if (child == null) {
            child = cache.readAndStore(childId, () -> Nodes.attributes(nodes.get(childId)), mayFillCache());
        }
        if (mayFillCache()) {
            // tagged with the directory's change counter as read before the entry: if the directory changed
            // in between, the tag is already old and the name is never served from the cache
            cache.storeName(dir.inodeId(), name, childId, dir.change());
        }
        return writes.applyTo(child);
    }

    /**
     * The attributes of an inode a cached name leads to, from the cache or read by id; null when it is gone (a
     * removal that committed after the directory's counter was read), for the caller to ask by name instead.
     */
    private Attributes attributesOf(Nodes nodes, long inodeId) {
        Attributes cached = cache.attributes(inodeId);
        if (cached != null) {
            return cached;
        }
        try {
            return cache.readAndStore(inodeId, () -> Nodes.attributes(nodes.get(inodeId)), mayFillCache());
        } catch (FsException e) {
            if (e.error() == FsError.STALE) {
                return null;
            }
            throw e;
        }
    }

    /** As {@link #lookup}, with SMB's case-insensitive match; an exact match wins over a folded one. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Attributes lookupIgnoringCase(Caller caller, FileHandle directory, String name) {
        return entryIgnoringCase(caller, directory, name).attributes();
    }

    /**
     * As {@link #lookupIgnoringCase}, with the entry's name as stored. A name cached for the directory's change
     * counter is an exact match, which wins, so it is answered from the cache like a LOOKUP; only other spellings
     * ask the database for the folded name.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public NamedAttributes entryIgnoringCase(Caller caller, FileHandle directory, String name) {
        Attributes dir = searchableDirectory(caller, directory);
        byte[] exact = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PosixRules.requireValidName(exact);
        Nodes nodes = new Nodes(em);
        Attributes cached = cachedEntry(nodes, dir, exact);
        if (cached != null) {
            return new NamedAttributes(exact, cached);
        }
        List<DirEntry> candidates = nodes.entriesIgnoringCase(dir.inodeId(), NameFolding.fold(name));
        DirEntry chosen = candidates.stream().filter(e -> java.util.Arrays.equals(e.getName(), exact)).findFirst()
                .orElseGet(() -> candidates.isEmpty() ? null : candidates.get(0));
        if (chosen == null) {
            throw new FsException(FsError.NOT_FOUND, "no such file or directory");
        }
        return new NamedAttributes(chosen.getName(), readEntry(nodes, dir, chosen.getName(), chosen.getChildId()));
    }

    /** The top directory of the share with this id. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Attributes shareRoot(long shareId) {
        Share share = em.find(Share.class, shareId);
        if (share == null || share.getRootInodeId() == null) {
            throw new FsException(FsError.STALE, "the share no longer exists");
        }
        Attributes root = cache.attributes(share.getRootInodeId());
        return root != null ? root
                : cache.readAndStore(share.getRootInodeId(), () -> getattrOf(share.getRootInodeId()), mayFillCache());
    }

    /**
     * The identity an SMB request runs as on a share: the session's account as it is (SMB users are authenticated,
     * so NFS's squashing of client-claimed identities does not apply), refused (ACCESS) when the client's address is
     * not among the share's allowed networks.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Caller smbCaller(long shareId, int uid, int gid, Collection<Integer> groups, InetAddress client) {
        ShareExports.Export share = ShareExports.of(em, shareId);
        if (share == null) {
            throw new FsException(FsError.STALE, "the share no longer exists");
        }
        if (client == null || !share.options().allowsClient(client)) {
            throw new FsException(FsError.ACCESS, "client " + (client == null ? "(unknown)" : client.getHostAddress())
                    + " may not use share '" + share.name() + "'");
        }
        return new Caller(uid, gid, java.util.Set.copyOf(groups));
    }

    /** The directory above (".."); the top directory of a share is its own parent. */
    public Attributes parent(Caller caller, FileHandle directory) {
        Nodes nodes = new Nodes(em);
        Inode dir = searchable(nodes, caller, directory);
        return Nodes.attributes(nodes.get(dir.getParentId()));
    }

    /** Which of the wanted READ/WRITE/EXECUTE bits the caller has; WRITE never on a read-only share. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public int access(Caller caller, FileHandle handle, int wanted) {
        Attributes attributes = getattr(handle);
        int allowed = PosixRules.allowed(caller, attributes.permissions()) & wanted;
        ShareExports.Export share = ShareExports.of(em, attributes.shareId());
        return share != null && share.options().readOnly() ? allowed & ~PosixRules.WRITE : allowed;
    }

    public byte[] readlink(FileHandle handle) {
        Inode inode = new Nodes(em).find(handle);
        if (inode.getType() != FileType.SYMLINK.code()) {
            throw new FsException(FsError.INVALID, "not a symbolic link");
        }
        return inode.getSymlinkTarget();
    }

    /**
     * Entries after {@code cookie} (0 = from the start) with their attributes; a whole listing is kept while the
     * directory is unchanged ({@link DirectoryReading}). No transaction of its own: it only reads committed rows.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public DirectoryPage readdir(Caller caller, FileHandle directory, long cookie, int maxEntries) {
        return new DirectoryReading(em, cache, unuploaded, mayFillCache())
                .page(listableDirectory(caller, directory), cookie, maxEntries);
    }

    /**
     * SMB's search for one name: the entries whose name folds to {@code name}'s, in listing order, as one page; one
     * query, where a listing of the whole directory would be read for it once the directory has changed.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public DirectoryPage readdirNamed(Caller caller, FileHandle directory, String name) {
        return new DirectoryReading(em, cache, unuploaded, mayFillCache())
                .named(listableDirectory(caller, directory), NameFolding.fold(name));
    }

    private Attributes listableDirectory(Caller caller, FileHandle directory) {
        Attributes dir = storedAttributes(directory);
        if (dir.type() != FileType.DIRECTORY) {
            throw new FsException(FsError.NOT_DIRECTORY, "not a directory");
        }
        PosixRules.requireAccess(caller, dir.permissions(), PosixRules.READ, "list this directory");
        return dir;
    }

    public FsStat fsstat(FileHandle handle) {
        Inode inode = new Nodes(em).find(handle);
        Object[] totals = em.createQuery("select coalesce(sum(i.size), 0), count(i) from Inode i where i.shareId = :share",
                Object[].class).setParameter("share", inode.getShareId()).getSingleResult();
        // PostgreSQL sums bigints exactly (numeric); a share of huge sparse files sums past 2^63 - 1
        long used = saturatedLong((Number) totals[0]);
        long files = ((Number) totals[1]).longValue();
        long free;
        try {
            free = Files.getFileStore(CisternSettings.dataDirectory()).getUsableSpace();
        } catch (IOException e) {
            throw new FsException(FsError.NO_SPACE, "cannot read the free space of the data directory: " + e.getMessage());
        }
        long total = used > Long.MAX_VALUE - free ? Long.MAX_VALUE : used + free;
        return new FsStat(total, free, free, FILES_LIMIT, FILES_LIMIT - files);
    }

    private static long saturatedLong(Number value) {
        java.math.BigDecimal exact = new java.math.BigDecimal(value.toString());
        return exact.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : exact.longValue();
    }

    public Attributes setattr(Caller caller, FileHandle handle, AttributeChanges changes, Long guardCtime) {
        Attributes updated = flushed(new AttributeUpdate(em, caller, payload).apply(handle, changes, guardCtime));
        // read after the update, which holds the row lock: the uploader cannot store a size for it meanwhile
        return unuploaded.of(handle.inodeId()).applyTo(updated);
    }

    /**
     * A write changed the file ({@code ChangeAspects} bits): MODIFIED for the watchers of the directories that name
     * it, after this short transaction commits (the payload's coalesced announcement, io.cistern.core.watch.WrittenFiles).
     */
    public void announceWritten(long inodeId, int aspects) {
        Inode inode = em.find(Inode.class, inodeId);
        if (inode != null) {
            new Nodes(em).modified(inode, aspects);
        }
    }

    /** One statement when it can ({@link OneTripMutations}), else the JPA path in a transaction. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public NodeChange create(Caller caller, FileHandle directory, byte[] name, int mode, CreateMode how, long verifier) {
        return oneStatementOrJpa(oneTrip -> oneTrip.create(caller, directory, name, mode, how, verifier),
                () -> new NodeCreation(em, caller).create(directory, name, mode, how, verifier));
    }

    public NodeChange mkdir(Caller caller, FileHandle directory, byte[] name, int mode) {
        return flushed(new NodeCreation(em, caller).mkdir(directory, name, mode));
    }

    public NodeChange symlink(Caller caller, FileHandle directory, byte[] name, byte[] target, int mode) {
        return flushed(new NodeCreation(em, caller).symlink(directory, name, target, mode));
    }

    public NodeChange mknod(Caller caller, FileHandle directory, byte[] name, FileType type, int mode, long rdev) {
        return flushed(new NodeCreation(em, caller).mknod(directory, name, type, mode, rdev));
    }

    public NodeChange link(Caller caller, FileHandle target, FileHandle directory, byte[] name) {
        UnuploadedWrites writes = unuploaded.of(target.inodeId());
        NodeChange linked = flushed(new NodeCreation(em, caller).hardLink(target, directory, name));
        return new NodeChange(writes.applyTo(linked.node()), linked.directory());
    }

    /** As {@link #create}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public DirectoryChange remove(Caller caller, FileHandle directory, byte[] name) {
        return oneStatementOrJpa(oneTrip -> oneTrip.remove(caller, directory, name),
                () -> new NodeRemoval(em, caller).remove(directory, name));
    }

    public DirectoryChange rmdir(Caller caller, FileHandle directory, byte[] name) {
        return flushed(new NodeRemoval(em, caller).rmdir(directory, name));
    }

    /** As {@link #create}; only a rename within one directory can be one statement. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Renamed rename(Caller caller, FileHandle from, byte[] fromName, FileHandle to, byte[] toName) {
        return oneStatementOrJpa(oneTrip -> oneTrip.rename(caller, from, fromName, to, toName),
                () -> new Renaming(em, caller).rename(from, fromName, to, toName));
    }

    /**
     * The change as one statement when the caller runs outside a transaction and {@code oneStatement} takes it,
     * else {@code jpa} in the caller's transaction or a new one, flushed.
     */
    private <T> T oneStatementOrJpa(Function<OneTripMutations, Optional<T>> oneStatement, Supplier<T> jpa) {
        Optional<T> done = outsideTransaction()
                ? oneStatement.apply(new OneTripMutations(dataSource, oneTripStatements, cache, payload, em))
                : Optional.empty();
        return done.orElseGet(() -> inTransaction.call(() -> flushed(jpa.get())));
    }

    /**
     * Writes the operation's changes now rather than at commit, so that a database failure a client should
     * hear about (a full disk) still reaches it as an {@link FsException}.
     */
    private <T> T flushed(T result) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw DatabaseErrors.translate(e).orElseThrow(() -> e);
        }
        return result;
    }

    /**
     * Only reads outside any transaction fill the cache: inside one, what the persistence context returns
     * may hold that transaction's own uncommitted changes. (The adapters call the read operations
     * without a transaction.)
     */
    private boolean mayFillCache() {
        return outsideTransaction();
    }

    private boolean outsideTransaction() {
        return transactions.getTransactionKey() == null;
    }

    private Attributes getattrOf(long inodeId) {
        return Nodes.attributes(new Nodes(em).get(inodeId));
    }

    private static Inode searchable(Nodes nodes, Caller caller, FileHandle directory) {
        Inode dir = Nodes.requireDirectory(nodes.find(directory));
        PosixRules.requireAccess(caller, Mutation.subject(dir), PosixRules.EXECUTE, "search this directory");
        return dir;
    }
}
