package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.DirectoryItem;
import io.cistern.core.fs.DirectoryPage;
import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.MetadataService;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsDirEntry;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIR and READDIRPLUS.
 *
 * <p><b>"." and "..".</b> The file system stores no entries for them, but Linux clients show a listing as the
 * server sends it (knfsd sends both, first), so they are made up here: "." with cookie 1 and ".." with cookie 2.
 *
 * <p><b>Cookies.</b> A stored entry's cookie is its dirent id, from a database sequence: positive, stable for
 * the entry's life (a rename keeps it), and ordered, so that "entries after cookie c" is a range query that stays
 * right even when the entry c names is gone. On the wire each is shifted by {@link #DOT_ENTRIES}: dirent cookie d
 * is sent as d + 2, so that the smallest (1) becomes 3 and never meets the two cookies made up for the dot
 * entries; a cookie from the client is shifted back before the query. Cookies at or above 2^63 (negative here)
 * were never handed out and are BAD_COOKIE.
 *
 * <p><b>Cookie verifier.</b> Because no change to a directory invalidates a cookie, the verifier is constant
 * ({@link #COOKIE_VERIFIER}, which the listener contract spells "never changes"), not the directory's change
 * counter: a verifier that followed every change would turn each listing that overlaps a create or a remove into
 * BAD_COOKIE, which makes Linux clients restart the listing (rm -rf of a large directory, or ls while files are
 * written) for no benefit. A non-zero verifier other than ours was never handed out, and is BAD_COOKIE.
 */
final class NfsDirectoryListing {
    static final long DOT_COOKIE = 1;
    static final long DOT_DOT_COOKIE = 2;
    static final long DOT_ENTRIES = 2;
    static final long COOKIE_VERIFIER = 0;
    /**
     * More entries than fit any reply: the adapter trims a listing to the client's byte counts and the client asks
     * again, so a cap only bounds the query and the memory one call takes.
     */
    static final int MAX_ENTRIES = 4096;

    private static final byte[] DOT = {'.'};
    private static final byte[] DOT_DOT = {'.', '.'};

    private final MetadataService metadata;
    private final NfsCallers callers;

    NfsDirectoryListing(MetadataService metadata, NfsCallers callers) {
        this.metadata = metadata;
        this.callers = callers;
    }

    NfsDirectoryReply list(NfsCaller who, byte[] directory, long cookie, long cookieVerifier, int maxEntries,
                           boolean plus) {
        NfsTarget dir = callers.resolve(who, directory);
        try {
            if (!isKnownCookie(cookie, cookieVerifier)) {
                return failure(NfsStatus.BAD_COOKIE, dir);
            }
            int wanted = Math.max(0, Math.min(maxEntries, MAX_ENTRIES));
            int dots = (int) Math.min(wanted, dotEntriesAfter(cookie));
            DirectoryPage page = metadata.readdir(dir.caller(), dir.handle(), direntCookieAfter(cookie), wanted - dots);
            List<NfsDirEntry> entries = new ArrayList<>(dots + page.items().size());
            if (cookie == 0 && dots > 0) {
                entries.add(entry(page.directory(), DOT, DOT_COOKIE, plus));
            }
            if (entries.size() < dots) {
                entries.add(dotDot(dir, page.directory(), plus));
            }
            return reply(callers, page, entries, dots == dotEntriesAfter(cookie), plus);
        } catch (FsException e) {
            return failure(NfsTranslation.status(e.error()), dir);
        }
    }

    /**
     * The reply with {@code page}'s entries after {@code entries} (the dot entries the page starts with);
     * {@code dotsDone}: none of them is still to come.
     */
    static NfsDirectoryReply reply(NfsCallers callers, DirectoryPage page, List<NfsDirEntry> entries,
                                   boolean dotsDone, boolean plus) {
        for (DirectoryItem item : page.items()) {
            entries.add(entry(callers, item.attributes(), item.name(), wireCookie(item.cookie()), plus));
        }
        return new NfsDirectoryReply(NfsStatus.OK, NfsTranslation.attributes(page.directory()), COOKIE_VERIFIER,
                entries, page.end() && dotsDone);
    }

    /** Cookie 0 starts a listing whatever the verifier; any other needs ours, or none (0, as clients send). */
    static boolean isKnownCookie(long cookie, long cookieVerifier) {
        if (cookie == 0) {
            return true;
        }
        return cookie > 0 && (cookieVerifier == 0 || cookieVerifier == COOKIE_VERIFIER);
    }

    /** How many of "." and ".." still come after the client's cookie. */
    static long dotEntriesAfter(long cookie) {
        return cookie >= DOT_ENTRIES ? 0 : DOT_ENTRIES - cookie;
    }

    /** The dirent cookie to list after, for a cookie the client sent. */
    static long direntCookieAfter(long wireCookie) {
        return wireCookie <= DOT_ENTRIES ? 0 : wireCookie - DOT_ENTRIES;
    }

    static long wireCookie(long direntCookie) {
        return direntCookie + DOT_ENTRIES;
    }

    /**
     * ".." is the parent, or the directory itself at the top of a share (as "/.." is "/"). The parent is only
     * looked up at the start of a listing, which needs search permission; without it, the entry still appears,
     * with the directory's own number, as the client only needs the name.
     */
    private NfsDirEntry dotDot(NfsTarget dir, Attributes directory, boolean plus) {
        Attributes parent;
        try {
            parent = metadata.parent(dir.caller(), dir.handle());
        } catch (FsException e) {
            return new NfsDirEntry(directory.inodeId(), DOT_DOT, DOT_DOT_COOKIE, null, null);
        }
        return entry(parent, DOT_DOT, DOT_DOT_COOKIE, plus);
    }

    private NfsDirEntry entry(Attributes attributes, byte[] name, long cookie, boolean plus) {
        return entry(callers, attributes, name, cookie, plus);
    }

    private static NfsDirEntry entry(NfsCallers callers, Attributes attributes, byte[] name, long cookie,
                                     boolean plus) {
        if (!plus) {
            return new NfsDirEntry(attributes.inodeId(), name, cookie, null, null);
        }
        return new NfsDirEntry(attributes.inodeId(), name, cookie, NfsTranslation.attributes(attributes),
                callers.encode(attributes.handle()));
    }

    private NfsDirectoryReply failure(NfsStatus status, NfsTarget dir) {
        return new NfsDirectoryReply(status, PostOpAttributes.of(metadata, dir.handle()), 0, List.of(),
                false);
    }
}
