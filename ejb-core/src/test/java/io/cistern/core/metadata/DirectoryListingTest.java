package io.cistern.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirectoryListingTest {

    static DirectoryListing listing(long directoryId, long change, long... cookies) {
        long[] children = new long[cookies.length];
        byte[][] names = new byte[cookies.length][];
        for (int i = 0; i < cookies.length; i++) {
            children[i] = 1000 + cookies[i];
            names[i] = ("f" + cookies[i]).getBytes();
        }
        return new DirectoryListing(directoryId, change, cookies, children, names);
    }

    @Test
    void aPageStartsAfterTheCookieEvenWhenItsEntryIsGone() {
        DirectoryListing listing = listing(1, 5, 3, 7, 9, 20);
        assertEquals(0, listing.firstAfter(0), "from the start");
        assertEquals(1, listing.firstAfter(3), "after an entry that is there");
        assertEquals(2, listing.firstAfter(8), "after one removed since: the next greater cookie");
        assertEquals(4, listing.firstAfter(20), "after the last");
        assertEquals(4, listing.firstAfter(Long.MAX_VALUE), "past the end");
        assertEquals(1007, listing.child(1));
        assertEquals("f9", new String(listing.name(2)));
    }

    @Test
    void anEmptyDirectoryHasNoPage() {
        assertEquals(0, listing(1, 5).firstAfter(0));
    }

    @Test
    void arraysOfDifferentLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new DirectoryListing(1, 1, new long[2], new long[1], new byte[2][]));
    }

    @Test
    void theCacheServesAListingOnlyForTheChangeItWasReadAt() {
        AttributeCache cache = new AttributeCache();
        DirectoryListing kept = listing(42, 7, 3, 4);
        cache.storeListing(kept);
        assertSame(kept, cache.listing(42, 7));
        assertNull(cache.listing(42, 8), "the directory changed since");
        assertNull(cache.listing(43, 7), "another directory");
        cache.invalidate(42);
        assertNull(cache.listing(42, 7), "dropped with the directory's attributes");
    }

    @Test
    void keptListingsStayWithinTheirBudget() {
        AttributeCache cache = new AttributeCache();
        int perListing = 10_000;
        long[] cookies = new long[perListing];
        for (int i = 0; i < perListing; i++) {
            cookies[i] = i + 1;
        }
        int directories = (int) (AttributeCache.MAX_LISTED_ENTRIES / perListing) * 2;
        for (int d = 1; d <= directories; d++) {
            cache.storeListing(listing(d, 1, cookies));
            cache.storeListing(listing(d, 2, cookies));   // a newer listing replaces, not adds
        }
        int kept = 0;
        for (int d = 1; d <= directories; d++) {
            if (cache.listing(d, 2) != null) {
                kept++;
            }
        }
        assertTrue(kept > 0, "the newest listings are kept");
        assertTrue((long) kept * perListing <= AttributeCache.MAX_LISTED_ENTRIES,
                kept + " listings of " + perListing + " entries are over the budget");
        for (int d = 1; d <= directories; d++) {
            cache.storeListing(listing(d, 3, cookies));
            assertNotNull(cache.listing(d, 3), "a listing just stored survives the eviction it causes");
        }
    }
}
