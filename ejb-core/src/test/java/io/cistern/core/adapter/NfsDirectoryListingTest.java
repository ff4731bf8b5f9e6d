package io.cistern.core.adapter;

import static io.cistern.core.adapter.FakeMetadata.ALICE;
import static io.cistern.core.adapter.FakeMetadata.HANDLES;
import static io.cistern.core.adapter.FakeMetadata.handle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileType;
import io.cistern.nfs.spi.NfsDirEntry;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NfsDirectoryListingTest {
    private FakeMetadata metadata;
    private NfsDirectoryListing listing;
    private Attributes dir;
    private Attributes a;

    @BeforeEach
    void tree() {
        metadata = new FakeMetadata();
        listing = new NfsDirectoryListing(metadata, FakeMetadata.callers(metadata));
        dir = metadata.add(metadata.root(), "dir", FileType.DIRECTORY, 0755, 1000);
        a = metadata.add(dir, "a", FileType.REGULAR, 0644, 1000);
        metadata.add(dir, "b", FileType.SYMLINK, 0777, 1000);
        metadata.skipCookiesTo(1000);
        metadata.add(dir, "c", FileType.DIRECTORY, 0700, 1000);
    }

    @Test
    void theDotEntriesComeFirstWithTheirOwnCookies() {
        NfsDirectoryReply reply = list(0, 0, 100, false);
        assertEquals(NfsStatus.OK, reply.status());
        assertEquals(List.of(".", "..", "a", "b", "c"), names(reply));
        assertEquals(List.of(1L, 2L), cookies(reply).subList(0, 2));
        assertEquals(dir.inodeId(), reply.entries().get(0).fileId());
        assertEquals(metadata.root().inodeId(), reply.entries().get(1).fileId());
        assertTrue(reply.eof());
        assertEquals(NfsDirectoryListing.COOKIE_VERIFIER, reply.cookieVerifier());
        assertEquals(dir.inodeId(), reply.directory().fileId());
    }

    @Test
    void storedCookiesAreShiftedPastTheDotEntries() {
        // dirent cookies 2, 3 and 1000 in this tree (1 is the entry of "dir" in the root)
        assertEquals(List.of(1L, 2L, 4L, 5L, 1002L), cookies(list(0, 0, 100, false)));
    }

    @Test
    void everyCookieResumesRightAfterItsEntry() {
        List<NfsDirEntry> all = list(0, 0, 100, false).entries();
        for (int i = 0; i < all.size(); i++) {
            List<String> rest = names(list(all.get(i).cookie(), 0, 100, false));
            List<String> expected = new ArrayList<>();
            all.subList(i + 1, all.size()).forEach(e -> expected.add(new String(e.name())));
            assertEquals(expected, rest, "after cookie " + all.get(i).cookie());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void pagesOfAnySizeListEveryEntryOnce(int pageSize) {
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        for (int calls = 0; calls < 20; calls++) {
            NfsDirectoryReply page = list(cookie, 0, pageSize, false);
            assertEquals(NfsStatus.OK, page.status());
            assertTrue(page.entries().size() <= pageSize);
            seen.addAll(names(page));
            if (page.eof()) {
                break;
            }
            cookie = page.entries().get(page.entries().size() - 1).cookie();
        }
        assertEquals(List.of(".", "..", "a", "b", "c"), seen);
    }

    @Test
    void aPageEndingInTheDotEntriesIsNotTheEnd() {
        FakeMetadata empty = new FakeMetadata();
        Attributes emptyDir = empty.add(empty.root(), "empty", FileType.DIRECTORY, 0755, 1000);
        NfsDirectoryListing emptyListing = new NfsDirectoryListing(empty, FakeMetadata.callers(empty));
        NfsDirectoryReply first = emptyListing.list(ALICE, handle(emptyDir), 0, 0, 1, false);
        assertEquals(List.of("."), names(first));
        assertFalse(first.eof());
        NfsDirectoryReply second = emptyListing.list(ALICE, handle(emptyDir), 1, 0, 1, false);
        assertEquals(List.of(".."), names(second));
        assertTrue(second.eof());
    }

    @Test
    void plusEntriesCarryHandlesAndAttributes() {
        NfsDirectoryReply reply = list(0, 0, 100, true);
        for (NfsDirEntry entry : reply.entries()) {
            assertNotNull(entry.attributes(), new String(entry.name()));
            assertEquals(entry.fileId(), HANDLES.decode(entry.handle()).inodeId());
            assertEquals(entry.fileId(), entry.attributes().fileId());
        }
        assertEquals(dir.handle(), HANDLES.decode(reply.entries().get(0).handle()));
        assertEquals(metadata.root().handle(), HANDLES.decode(reply.entries().get(1).handle()));
        assertEquals(a.handle(), HANDLES.decode(reply.entries().get(2).handle()));
    }

    @Test
    void plainEntriesCarryNeither() {
        for (NfsDirEntry entry : list(0, 0, 100, false).entries()) {
            assertNull(entry.attributes());
            assertNull(entry.handle());
        }
    }

    @Test
    void theTopOfAShareIsItsOwnParent() {
        NfsDirectoryReply reply = listing.list(ALICE, handle(metadata.root()), 0, 0, 100, false);
        assertEquals(reply.entries().get(0).fileId(), reply.entries().get(1).fileId());
    }

    @Test
    void aDirectoryThatCannotBeSearchedStillListsDotDot() {
        Attributes readOnly = metadata.add(metadata.root(), "r", FileType.DIRECTORY, 0744, 1000);
        NfsDirectoryReply reply = listing.list(FakeMetadata.caller(2000, "127.0.0.1"), handle(readOnly), 0, 0, 100,
                true);
        assertEquals(NfsStatus.OK, reply.status());
        assertEquals(List.of(".", ".."), names(reply));
        assertNull(reply.entries().get(1).attributes());
    }

    @Test
    void aForeignVerifierIsABadCookie() {
        NfsDirectoryReply reply = list(4, 12345, 100, false);
        assertEquals(NfsStatus.BAD_COOKIE, reply.status());
        assertEquals(dir.inodeId(), reply.directory().fileId());
    }

    @Test
    void theVerifierDoesNotMatterAtTheStart() {
        assertEquals(NfsStatus.OK, list(0, 12345, 100, false).status());
    }

    /** Our cookies never become invalid: a listing that overlaps a change goes on where it was. */
    @Test
    void aChangedDirectoryKeepsItsCookies() {
        NfsDirectoryReply first = list(0, 0, 3, false);
        metadata.add(dir, "d", FileType.REGULAR, 0644, 1000);
        NfsDirectoryReply rest = list(last(first), first.cookieVerifier(), 100, false);
        assertEquals(NfsStatus.OK, rest.status());
        assertEquals(List.of("b", "c", "d"), names(rest));
    }

    @Test
    void aCookieAbove2To63WasNeverHandedOut() {
        assertEquals(NfsStatus.BAD_COOKIE, list(-5, 0, 100, false).status());
    }

    @Test
    void aCallerWhoMayNotReadGetsAccesWithTheDirectory() {
        Attributes secret = metadata.add(metadata.root(), "secret", FileType.DIRECTORY, 0700, 1000);
        NfsDirectoryReply reply = listing.list(FakeMetadata.caller(2000, "127.0.0.1"), handle(secret), 0, 0, 100,
                false);
        assertEquals(NfsStatus.ACCES, reply.status());
        assertEquals(secret.inodeId(), reply.directory().fileId());
    }

    @Test
    void hugeRequestsAreCapped() {
        list(0, 0, Integer.MAX_VALUE, false);
        assertEquals("readdir 0 " + (NfsDirectoryListing.MAX_ENTRIES - 2), metadata.calls.stream()
                .filter(c -> c.startsWith("readdir")).findFirst().orElseThrow());
    }

    @Test
    void cookieArithmetic() {
        assertEquals(3, NfsDirectoryListing.wireCookie(1));
        assertEquals(0, NfsDirectoryListing.direntCookieAfter(0));
        assertEquals(0, NfsDirectoryListing.direntCookieAfter(1));
        assertEquals(0, NfsDirectoryListing.direntCookieAfter(2));
        assertEquals(1, NfsDirectoryListing.direntCookieAfter(3));
        assertEquals(2, NfsDirectoryListing.dotEntriesAfter(0));
        assertEquals(1, NfsDirectoryListing.dotEntriesAfter(1));
        assertEquals(0, NfsDirectoryListing.dotEntriesAfter(2));
        assertEquals(0, NfsDirectoryListing.dotEntriesAfter(3));
        Set<Long> madeUp = new HashSet<>(List.of(NfsDirectoryListing.DOT_COOKIE, NfsDirectoryListing.DOT_DOT_COOKIE));
        for (long dirent : new long[] {1, 2, 3, 1000, Long.MAX_VALUE - 2}) {
            long wire = NfsDirectoryListing.wireCookie(dirent);
            assertFalse(madeUp.contains(wire), "dirent cookie " + dirent + " collides");
            assertTrue(wire > 0);
            assertEquals(dirent, NfsDirectoryListing.direntCookieAfter(wire));
        }
    }

    @Test
    void dotNamesAreTheBytesClientsExpect() {
        NfsDirectoryReply reply = list(0, 0, 2, false);
        assertArrayEquals(new byte[] {'.'}, reply.entries().get(0).name());
        assertArrayEquals(new byte[] {'.', '.'}, reply.entries().get(1).name());
    }

    private NfsDirectoryReply list(long cookie, long verifier, int max, boolean plus) {
        return listing.list(ALICE, handle(dir), cookie, verifier, max, plus);
    }

    private static long last(NfsDirectoryReply reply) {
        return reply.entries().get(reply.entries().size() - 1).cookie();
    }

    private static List<String> names(NfsDirectoryReply reply) {
        return reply.entries().stream().map(e -> new String(e.name())).toList();
    }

    private static List<Long> cookies(NfsDirectoryReply reply) {
        return reply.entries().stream().map(NfsDirEntry::cookie).toList();
    }
}
