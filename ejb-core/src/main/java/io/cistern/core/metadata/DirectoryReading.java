package io.cistern.core.metadata;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.DirectoryItem;
import io.cistern.core.fs.DirectoryPage;
import io.cistern.core.fs.FsException;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Pages of a directory listing. A client lists a directory in many small pages (libnfs and Linux ask for a few
 * dozen entries a READDIRPLUS); a query per page cost more in planning and object building than in reading, so
 * the first page reads the whole directory in one query, with every child's attributes, and the following pages
 * come from the {@link AttributeCache} while the directory's change counter stays the same. Only a listing's
 * first page (cookie 0) reads everything: a listing that continues after its directory changed (a client listing
 * while another creates files) goes on a page at a time, rather than reading the whole directory again for each
 * page. Directories larger than {@link #MAX_KEPT_ENTRIES} are always read a page at a time.
 */
final class DirectoryReading {
    static final int MAX_KEPT_ENTRIES = 65_536;

    /** An entry and its child's attributes: the cookie, the name, then {@link InodeRows#COLUMNS}. */
    private static final String ENTRY_COLUMNS = "select e.cookie, e.name, " + InodeRows.COLUMNS
            + " from dirent e join inode i on i.id = e.child_id";

    private final EntityManager em;
    private final AttributeCache cache;
    private final UnuploadedWrites.Source unuploaded;
    /** False inside a caller's transaction, which may see its own uncommitted changes. */
    private final boolean mayFillCache;

    DirectoryReading(EntityManager em, AttributeCache cache, UnuploadedWrites.Source unuploaded, boolean mayFillCache) {
        this.em = em;
        this.cache = cache;
        this.unuploaded = unuploaded;
        this.mayFillCache = mayFillCache;
    }

    /** Up to {@code max} entries after {@code cookie} (0: from the start) of the directory {@code dir}. */
    DirectoryPage page(Attributes dir, long cookie, int max) {
        DirectoryListing kept = cache.listing(dir.inodeId(), dir.change());
        if (kept != null) {
            return fromListing(dir, kept, cookie, max);
        }
        if (cookie != 0) {
            return fromDatabase(dir, cookie, max);
        }
        return readWhole(dir, max);
    }

    /** The entries whose folded name is {@code foldedName}, by cookie: one page that ends the listing. */
    @SuppressWarnings("unchecked")
    DirectoryPage named(Attributes dir, byte[] foldedName) {
        Map<Long, UnuploadedWrites> writes = unuploaded.all();
        List<Object[]> rows = em.createNativeQuery(ENTRY_COLUMNS + " where e.parent_id = ?1 and e.folded_name = ?2"
                        + " order by e.cookie")
                .setParameter(1, dir.inodeId()).setParameter(2, foldedName).getResultList();
        return page(dir, rows, writes, rows.size());
    }

    /** The first page, reading and keeping the whole directory on the way. */
    private DirectoryPage readWhole(Attributes dir, int max) {
        Map<Long, UnuploadedWrites> writes = unuploaded.all();
        long[] stamps = cache.stampAll();
        List<Object[]> rows = entries(dir.inodeId(), 0, MAX_KEPT_ENTRIES + 1);
        if (rows.size() > MAX_KEPT_ENTRIES) {
            return page(dir, rows, writes, max);   // too large to keep: this page out of what was read
        }
        long[] cookies = new long[rows.size()];
        long[] children = new long[rows.size()];
        byte[][] names = new byte[rows.size()][];
        List<Attributes> loaded = new ArrayList<>(rows.size());
        List<DirectoryItem> items = new ArrayList<>();
        boolean end = true;
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            Attributes child = attributes(row);
            cookies[i] = ((Number) row[0]).longValue();
            names[i] = (byte[]) row[1];
            children[i] = child.inodeId();
            loaded.add(child);
            if (items.size() < max) {
                items.add(new DirectoryItem(cookies[i], names[i].clone(), UnuploadedWrites.apply(writes, child)));
            } else {
                end = false;
            }
        }
        if (mayFillCache) {
            cache.storeAll(loaded, stamps);
            cache.storeListing(new DirectoryListing(dir.inodeId(), dir.change(), cookies, children, names));
        }
        return new DirectoryPage(dir, items, dir.change(), end);
    }

    private DirectoryPage fromListing(Attributes dir, DirectoryListing listing, long cookie, int max) {
        // null: removed after the listing was kept, in the moment before its directory's change is seen
        return fromListing(dir, listing, cookie, max, unuploaded, this::currentAttributes, true);
    }

    /**
     * Up to {@code max} entries after {@code cookie} of a kept listing, each child's attributes from {@code stored}.
     * A child {@code stored} has no attributes for is left out when {@code skipMissing} (it is gone), and otherwise
     * makes the page null (its attributes are not at hand).
     */
    static DirectoryPage fromListing(Attributes dir, DirectoryListing listing, long cookie, int max,
                                     UnuploadedWrites.Source unuploaded, LongFunction<Attributes> stored,
                                     boolean skipMissing) {
        int from = listing.firstAfter(cookie);
        int to = (int) Math.min(listing.size(), (long) from + max);
        List<DirectoryItem> items = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            // the unuploaded writes before the stored attributes, as getattr takes them
            UnuploadedWrites writes = unuploaded.of(listing.child(i));
            Attributes child = stored.apply(listing.child(i));
            if (child != null) {
                items.add(new DirectoryItem(listing.cookie(i), listing.name(i).clone(), writes.applyTo(child)));
            } else if (!skipMissing) {
                return null;
            }
        }
        return new DirectoryPage(dir, items, dir.change(), to == listing.size());
    }

    /** A child's stored attributes, read when it changed since the listing was kept; null when it is gone. */
    private Attributes currentAttributes(long childId) {
        Attributes cached = cache.attributes(childId);
        if (cached != null) {
            return cached;
        }
        try {
            return cache.readAndStore(childId, () -> Nodes.attributes(new Nodes(em).get(childId)), mayFillCache);
        } catch (FsException e) {
            return null;
        }
    }

    /** For a directory too large to keep: one query per page, as the client pages. */
    private DirectoryPage fromDatabase(Attributes dir, long cookie, int max) {
        Map<Long, UnuploadedWrites> writes = unuploaded.all();
        return page(dir, entries(dir.inodeId(), cookie, max + 1), writes, max);
    }

    /** The first {@code max} of {@code rows}, read with {@code writes} taken before them. */
    private static DirectoryPage page(Attributes dir, List<Object[]> rows, Map<Long, UnuploadedWrites> writes,
                                      int max) {
        List<DirectoryItem> items = new ArrayList<>(Math.min(rows.size(), max));
        for (Object[] row : rows.subList(0, Math.min(rows.size(), max))) {
            items.add(new DirectoryItem(((Number) row[0]).longValue(), (byte[]) row[1],
                    UnuploadedWrites.apply(writes, attributes(row))));
        }
        return new DirectoryPage(dir, items, dir.change(), rows.size() <= max);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> entries(long directoryId, long afterCookie, int limit) {
        return em.createNativeQuery(ENTRY_COLUMNS + " where e.parent_id = ?1 and e.cookie > ?2 order by e.cookie"
                        + " limit ?3")
                .setParameter(1, directoryId).setParameter(2, afterCookie).setParameter(3, limit)
                .getResultList();
    }

    private static Attributes attributes(Object[] row) {
        return InodeRows.attributes(row, 2);
    }
}
