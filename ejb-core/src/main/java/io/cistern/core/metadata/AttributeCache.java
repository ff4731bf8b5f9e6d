package io.cistern.core.metadata;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileHandle;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Attributes and names as last committed, so that GETATTR, LOOKUP and ACCESS need no database round trip
 * while nothing changes. Correct on one node because every change of an inode goes through JPA: the
 * {@link InodeChangeListener} drops the inode here once its transaction has ended.
 * <p>
 * The race this guards against: a reader loads an old row just before a writer commits, the writer drops
 * the entry, and the reader then stores the old row. Each reader takes a stamp of its inode's stripe
 * before loading and stores only if no invalidation touched that stripe meanwhile.
 * <p>
 * A directory's cached names belong to a <i>generation</i>, which is valid for one change counter of the directory;
 * any change to the directory's entries bumps that counter, so the names of an old generation are never used again
 * and age out. A committed change that this server made itself carries the generation over to the new counter with
 * the names it changed updated ({@link #carryNames}): the names it did not touch still mean what they meant, and a
 * client that creates, renames or removes file after file in one directory keeps finding the others here. A whole
 * directory's listing is kept by counter too, and dropped with the directory's attributes.
 * <p>
 * A plain thread-safe object, not a bean: a LOOKUP asks it half a dozen questions, and each call into a bean went
 * through the container. {@link MetadataCaches} holds the deployment's one instance.
 */
public final class AttributeCache {
    /** Enough for the working set of many clients; past it, arbitrary entries are dropped. */
    static final int MAX_INODES = 200_000;
    static final int MAX_NAMES = 200_000;
    /** Entries of all kept listings together (a listing costs about 100 bytes an entry). */
    static final long MAX_LISTED_ENTRIES = 500_000;
    private static final int STRIPES = 4096;

    private final ConcurrentHashMap<Long, Attributes> inodes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<NameKey, CachedName> names = new ConcurrentHashMap<>();
    /** Per directory, the generation its cached names must carry; changed only inside {@code compute}. */
    private final ConcurrentHashMap<Long, NameGeneration> nameGenerations = new ConcurrentHashMap<>();
    private final AtomicLong generationIds = new AtomicLong();
    private final AtomicLongArray epochs = new AtomicLongArray(STRIPES);
    private final ConcurrentHashMap<Long, DirectoryListing> listings = new ConcurrentHashMap<>();
    private final AtomicLong listedEntries = new AtomicLong();

    /** A directory entry's key; names are compared by content. */
    record NameKey(long parentId, byte[] name) {
        @Override
        public boolean equals(Object other) {
            return other instanceof NameKey key && key.parentId == parentId && Arrays.equals(key.name, name);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(parentId) * 31 + Arrays.hashCode(name);
        }
    }

    /** The child a name means, as long as its directory's generation is {@code generation}. */
    record CachedName(long childId, long generation) {
    }

    /** A directory's names of generation {@code id} are valid while the directory's change counter is {@code change}. */
    record NameGeneration(long id, long change) {
    }

    /** One name a committed transaction changed in a directory: now meaning {@code childId}, or gone when it is null. */
    record NameUpdate(byte[] name, Long childId) {
    }

    /** The cached attributes of the inode the handle names, or null when not cached or not that inode. */
    public Attributes attributes(FileHandle handle) {
        Attributes cached = inodes.get(handle.inodeId());
        if (cached == null || cached.generation() != handle.generation() || cached.shareId() != handle.shareId()) {
            return null;
        }
        return cached;
    }

    public Attributes attributes(long inodeId) {
        return inodes.get(inodeId);
    }

    /**
     * Reads an inode the cache did not hold and, when {@code store}, keeps what was read, stamped before the read
     * (see {@link #stamp}).
     */
    Attributes readAndStore(long inodeId, Supplier<Attributes> read, boolean store) {
        long stamp = stamp(inodeId);
        Attributes loaded = read.get();
        if (store) {
            store(loaded, stamp);
        }
        return loaded;
    }

    /** Taken before reading an inode from the database; handed back to {@link #store}. */
    long stamp(long inodeId) {
        return epochs.get(stripe(inodeId));
    }

    /** Every stripe's stamp at once, for a query that reads inodes it cannot name in advance. */
    public long[] stampAll() {
        long[] stamps = new long[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stamps[i] = epochs.get(i);
        }
        return stamps;
    }

    /** As {@link #store(Attributes, long)} for each, with the stamp of its stripe out of {@link #stampAll()}. */
    public void storeAll(List<Attributes> loaded, long[] stamps) {
        for (Attributes attributes : loaded) {
            store(attributes, stamps[stripe(attributes.inodeId())]);
        }
    }

    /** Keeps what was read (or written) after {@code stamp} was taken, unless an invalidation came between. */
    void store(Attributes attributes, long stamp) {
        if (epochs.get(stripe(attributes.inodeId())) != stamp) {
            return;
        }
        if (inodes.size() >= MAX_INODES) {
            evictSome(inodes);
        }
        inodes.put(attributes.inodeId(), attributes);
        if (epochs.get(stripe(attributes.inodeId())) != stamp) {
            inodes.remove(attributes.inodeId());   // an invalidation slipped in between the check and the put
        }
    }

    /**
     * After this server committed a change to the inode itself, with {@code stamp} taken before the change: keeps the
     * row as the change left it, in place of what the cache held, unless an invalidation came after the stamp (then
     * the inode is only dropped). Unlike {@link #store}, it also counts as an invalidation: a reader that took the same
     * stamp before the change may hold the old row, and must not store it over this one.
     */
    void replace(Attributes changed, long stamp) {
        int stripe = stripe(changed.inodeId());
        if (!epochs.compareAndSet(stripe, stamp, stamp + 1)) {
            invalidate(changed.inodeId());
            return;
        }
        forgetListing(changed.inodeId());
        store(changed, stamp + 1);
    }

    /** The child id of a name, if it is cached for the directory's change counter {@code directoryChange}. */
    public Long child(long parentId, byte[] name, long directoryChange) {
        NameGeneration generation = nameGenerations.get(parentId);
        if (generation == null || generation.change() != directoryChange) {
            return null;
        }
        CachedName cached = names.get(new NameKey(parentId, name));
        return cached != null && cached.generation() == generation.id() ? cached.childId() : null;
    }

    /**
     * Keeps what a name meant when its directory had change counter {@code directoryChange} (read before the entry).
     * A reader that read an older counter than the one cached already stores nothing: its entry may predate a change.
     */
    public void storeName(long parentId, byte[] name, long childId, long directoryChange) {
        makeRoom();
        NameKey key = new NameKey(parentId, name.clone());
        nameGenerations.compute(parentId, (id, generation) -> {
            NameGeneration current = generation == null || generation.change() < directoryChange
                    ? new NameGeneration(generationIds.incrementAndGet(), directoryChange) : generation;
            if (current.change() == directoryChange) {
                names.put(key, new CachedName(childId, current.id()));
            }
            return current;
        });
    }

    /**
     * After a committed transaction that held the directory's row lock while its change counter went from
     * {@code before} to {@code after}, and changed exactly {@code updates} among its names: the directory's other cached
     * names stay valid. When the cache did not hold the generation of {@code before} (it knew an older state, or
     * none), only the updated names are known for {@code after}. When it knows {@code after} or a later state already
     * (another commit's news arrived first), it keeps that.
     */
    public void carryNames(long parentId, long before, long after, List<NameUpdate> updates) {
        makeRoom();
        nameGenerations.compute(parentId, (id, generation) -> {
            if (generation != null && generation.change() >= after) {
                return generation;
            }
            boolean carried = generation != null && generation.change() == before && after > before;
            NameGeneration next = new NameGeneration(carried ? generation.id() : generationIds.incrementAndGet(), after);
            for (NameUpdate update : updates) {
                NameKey key = new NameKey(parentId, update.name().clone());
                if (update.childId() == null) {
                    names.remove(key);
                } else {
                    names.put(key, new CachedName(update.childId(), next.id()));
                }
            }
            return next;
        });
    }

    /** Makes every cached name of the directory invalid, for a change whose names are not known. */
    public void forgetNames(long parentId) {
        nameGenerations.remove(parentId);
    }

    private void makeRoom() {
        if (names.size() >= MAX_NAMES) {
            evictSome(names);
        }
        if (nameGenerations.size() >= MAX_NAMES) {
            evictSome(nameGenerations);   // their names become unreachable: a new generation never reuses an id
        }
    }

    /** The directory's listing, if one was kept while the directory had the given change counter. */
    DirectoryListing listing(long directoryId, long directoryChange) {
        DirectoryListing cached = listings.get(directoryId);
        return cached != null && cached.change() == directoryChange ? cached : null;
    }

    /**
     * Keeps a listing read with the directory's change counter as read before the entries (a listing read across
     * a change is then already keyed by an old counter, and never served).
     */
    void storeListing(DirectoryListing listing) {
        DirectoryListing previous = listings.put(listing.directoryId(), listing);
        long total = listedEntries.addAndGet(listing.size() - (previous == null ? 0 : previous.size()));
        if (total > MAX_LISTED_ENTRIES) {
            Iterator<Long> keys = listings.keySet().iterator();
            while (listedEntries.get() > MAX_LISTED_ENTRIES * 9 / 10 && keys.hasNext()) {
                long directoryId = keys.next();
                if (directoryId != listing.directoryId()) {   // the client paging through it needs it next
                    forgetListing(directoryId);
                }
            }
        }
    }

    /** Called once the transaction that changed or removed the inode has ended, committed or not. */
    public void invalidate(long inodeId) {
        epochs.incrementAndGet(stripe(inodeId));
        inodes.remove(inodeId);
        forgetListing(inodeId);
    }

    private void forgetListing(long directoryId) {
        DirectoryListing removed = listings.remove(directoryId);
        if (removed != null) {
            listedEntries.addAndGet(-removed.size());
        }
    }

    private static int stripe(long inodeId) {
        return (int) (inodeId ^ (inodeId >>> 32)) & (STRIPES - 1);
    }

    private static void evictSome(Map<?, ?> map) {
        Iterator<?> keys = map.keySet().iterator();
        for (int i = 0; i < map.size() / 10 && keys.hasNext(); i++) {
            keys.next();
            keys.remove();
        }
    }
}
