package io.cistern.smb.server;

import io.cistern.smb.spi.SmbDirEntry;
import io.cistern.smb.spi.SmbDirectoryReply;
import io.cistern.smb.spi.SmbFileInfo;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where a directory open's listing stands between QUERY_DIRECTORY requests ([MS-SMB2] 3.3.1.10
 * Open.EnumerationLocation and Open.EnumerationSearchPattern): the pattern of the scan, whether "." and ".." were
 * returned, the application's cookie, the matching entries fetched but not yet returned, and whether any entry was
 * returned at all (STATUS_NO_SUCH_FILE versus STATUS_NO_MORE_FILES). Used only by request workers, each holding the
 * cursor's lock for a whole request, so that two listings of one open never interleave.
 */
final class DirectoryCursor {
    /** Entries asked of the application per call. */
    static final int PAGE = 256;

    private NamePattern pattern;
    private int dotsReturned;
    private long cookie;
    /** The cookie of the last entry returned to the client: where a resumed scan asks the application again. */
    private long returnedCookie;
    private boolean listed;
    private boolean end;
    private boolean anyReturned;
    private SmbFileInfo self;
    private SmbFileInfo parent;
    private final Deque<SmbDirEntry> pending = new ArrayDeque<>();

    /** A candidate entry: a name as the client sees it and its attributes. */
    record Candidate(String name, SmbFileInfo info) {
    }

    boolean started() {
        return pattern != null;
    }

    /** Begins the scan again from the start with {@code searchPattern} (the first query, RESTART_SCANS, REOPEN). */
    void restart(String searchPattern) {
        pattern = new NamePattern(searchPattern);
        dotsReturned = 0;
        cookie = 0;
        returnedCookie = 0;
        listed = false;
        end = false;
        anyReturned = false;
        self = null;
        parent = null;
        pending.clear();
    }

    /**
     * Continues the scan in a new request: entries fetched for an earlier request and not yet returned are dropped and
     * asked for again from the last entry returned (the application's cookies are stable), since the directory may
     * have changed in between; an entry deleted meanwhile is then not reported, as NTFS does not (smbtorture's
     * smb2.dir.fixed deletes every file through a second open part way through the scan).
     */
    void resume() {
        if (!pending.isEmpty()) {
            pending.clear();
            cookie = returnedCookie;
            end = false;
        }
    }

    /** Whether the next entry needs a page from the application first. */
    boolean needsPage() {
        if (!listed) {
            return true;
        }
        skipUnmatchedDots();
        return dotsReturned == 2 && pending.isEmpty() && !end;
    }

    private void skipUnmatchedDots() {
        while (dotsReturned < 2 && !pattern.matches(dotsReturned == 0 ? "." : "..")) {
            dotsReturned++;
        }
    }

    long cookie() {
        return cookie;
    }

    /**
     * The name to search for instead of asking for a page, when the scan is at its start and its pattern has no
     * wildcard; null otherwise (a scan resumed part way asks for pages, which the pattern filters as ever).
     */
    String searchedName() {
        return listed || cookie != 0 ? null : pattern.literal();
    }

    /** Takes in a page the application returned for {@link #cookie()}, keeping the entries that match. */
    void accept(SmbDirectoryReply page) {
        listed = true;
        self = page.self();
        parent = page.parent();
        for (SmbDirEntry entry : page.entries()) {
            cookie = entry.cookie();
            if (pattern.matches(entry.name())) {
                pending.add(entry);
            }
        }
        // an empty page that claims more would make the scan spin: it ends the listing instead
        end = page.end() || page.entries().isEmpty();
    }

    /** The next entry to return, or null at the end (once {@link #needsPage()} says no page is needed). */
    Candidate peek() {
        skipUnmatchedDots();
        if (dotsReturned < 2) {
            return new Candidate(dotsReturned == 0 ? "." : "..", dotsReturned == 0 ? self : parent);
        }
        SmbDirEntry entry = pending.peek();
        return entry == null ? null : new Candidate(entry.name(), entry.info());
    }

    /** The entry {@link #peek()} gave was returned to the client. */
    void advance() {
        anyReturned = true;
        if (dotsReturned < 2) {
            dotsReturned++;
        } else {
            returnedCookie = pending.poll().cookie();
        }
    }

    boolean anyReturned() {
        return anyReturned;
    }
}
