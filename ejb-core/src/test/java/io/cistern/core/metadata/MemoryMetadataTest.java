package io.cistern.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.DirectoryPage;
import io.cistern.core.fs.ExportOptions;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.payload.JournalIndex;
import io.cistern.core.payload.RecentModifications;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Answers from memory are the service's answers when everything is cached, and null (never a guess, never a
 * refusal) whenever something is missing or the service would refuse: the worker that then asks the service
 * decides those.
 */
class MemoryMetadataTest {
    private static final long SHARE = 3;
    private static final Attributes DIR = attributes(10, FileType.DIRECTORY, 0750, 1000, 100, 5);
    private static final Attributes FILE = attributes(11, FileType.REGULAR, 0640, 1000, 100, 1);
    private static final Caller OWNER = new Caller(1000, 100, Set.of());
    private static final Caller STRANGER = new Caller(2000, 200, Set.of());

    private final AttributeCache cache = new AttributeCache();
    private final RecentModifications modifications = new RecentModifications();
    private final Map<Long, ShareExports.Export> shares = new HashMap<>();
    private final MemoryMetadata memory = new MemoryMetadata(cache,
            new UnuploadedWrites.Source(new JournalIndex(), modifications), shares::get);

    private static Attributes attributes(long inode, FileType type, int mode, int uid, int gid, long change) {
        return new Attributes(inode, SHARE, type, mode, 2, uid, gid, 4096, 0, 1, 2, 3, 1, change, 1);
    }

    private static byte[] name(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void cached(Attributes... all) {
        for (Attributes a : all) {
            cache.readAndStore(a.inodeId(), () -> a, true);
        }
    }

    @Test
    void getattrIsTheCachedAttributesOrNothing() {
        assertNull(memory.getattr(FILE.handle()), "not cached: the worker reads it");
        cached(FILE);
        assertEquals(FILE, memory.getattr(FILE.handle()));
        assertNull(memory.getattr(new FileHandle(SHARE, FILE.inodeId(), 2)), "another generation: a stale handle");
    }

    @Test
    void getattrShowsAWriteNotYetUploaded() {
        cached(FILE);
        modifications.touch(FILE.inodeId(), 99_000);
        assertEquals(99_000, memory.getattr(FILE.handle()).mtime());
    }

    @Test
    void lookupNeedsTheDirectoryTheNameAndTheChildCachedAndTheNameForTheDirectorysCurrentCounter() {
        cached(DIR);
        assertNull(memory.lookup(OWNER, DIR.handle(), name("f")), "the name is not cached");
        cache.storeName(DIR.inodeId(), name("f"), FILE.inodeId(), DIR.change());
        assertNull(memory.lookup(OWNER, DIR.handle(), name("f")), "the child's attributes are not cached");
        cached(FILE);
        assertEquals(FILE, memory.lookup(OWNER, DIR.handle(), name("f")));

        cached(attributes(DIR.inodeId(), FileType.DIRECTORY, 0750, 1000, 100, DIR.change() + 1));
        assertNull(memory.lookup(OWNER, DIR.handle(), name("f")), "the directory changed since the name was read");
    }

    @Test
    void whatTheServiceWouldRefuseIsLeftToIt() {
        cached(DIR, FILE);
        cache.storeName(DIR.inodeId(), name("f"), FILE.inodeId(), DIR.change());
        assertNull(memory.lookup(STRANGER, DIR.handle(), name("f")), "no search permission on the directory");
        assertNull(memory.lookup(OWNER, FILE.handle(), name("f")), "not a directory");
        assertNull(memory.lookup(OWNER, DIR.handle(), name("a/b")), "not a valid name");
        assertNull(memory.lookup(OWNER, DIR.handle(), new byte[0]), "not a valid name");
    }

    @Test
    void theCallerIsSquashedByTheSharesRulesWhenTheyAreKnownAndLetTheClientIn() throws Exception {
        InetAddress inside = InetAddress.getByName("10.1.2.3");
        InetAddress outside = InetAddress.getByName("192.168.9.9");
        assertNull(memory.nfsCaller(FILE.handle(), 0, 0, List.of(), inside), "the share's rules are not in memory");
        shares.put(SHARE, new ShareExports.Export("data",
                new ExportOptions(false, true, false, 65534, 65534, List.of("10.0.0.0/8"))));
        assertEquals(new Caller(65534, 65534, Set.of()), memory.nfsCaller(FILE.handle(), 0, 0, List.of(), inside));
        assertNull(memory.nfsCaller(FILE.handle(), 1000, 100, List.of(), outside), "refused: left to the service");
    }

    @Test
    void aReadIsLeftToTheServiceUnlessTheFileIsCachedRegularAndReadable() {
        assertNull(memory.readable(OWNER, FILE.handle()), "not cached");
        cached(DIR, FILE);
        assertEquals(FILE, memory.readable(OWNER, FILE.handle()));
        assertNull(memory.readable(STRANGER, FILE.handle()), "others may not read 0640");
        assertNull(memory.readable(OWNER, DIR.handle()), "not a regular file");
        Attributes locked = attributes(12, FileType.REGULAR, 0000, 1000, 100, 1);
        cached(locked);
        assertEquals(locked, memory.readable(OWNER, locked.handle()), "the owner reads past the mode, as knfsd lets");
    }

    @Test
    void accessOnAReadOnlyShareNeverGrantsWrite() {
        cached(FILE);
        int wanted = PosixRules.READ | PosixRules.WRITE;
        assertEquals(-1, memory.access(OWNER, FILE.handle(), wanted), "the share's rules are not in memory");
        shares.put(SHARE, new ShareExports.Export("data", ExportOptions.defaults()));
        assertEquals(wanted, memory.access(OWNER, FILE.handle(), wanted));
        assertEquals(0, memory.access(STRANGER, FILE.handle(), wanted));
        shares.put(SHARE, new ShareExports.Export("data", new ExportOptions(true, true, false, 65534, 65534, List.of())));
        assertEquals(PosixRules.READ, memory.access(OWNER, FILE.handle(), wanted));
    }

    /**
     * A page of a directory is answered from its kept listing when every child on the page is cached, and left to the
     * service when one is not (it would read it), when the listing is of an older change, or without read permission.
     */
    @Test
    void aListingPageNeedsTheKeptListingForTheCurrentCounterAndEveryChildOnThePage() {
        Attributes other = attributes(12, FileType.REGULAR, 0644, 1000, 100, 1);
        cached(DIR, FILE);
        assertNull(memory.readdir(OWNER, DIR.handle(), 0, 10), "no listing kept");
        cache.storeListing(new DirectoryListing(DIR.inodeId(), DIR.change(), new long[] {5, 9},
                new long[] {FILE.inodeId(), other.inodeId()}, new byte[][] {name("f"), name("g")}));
        assertEquals(1, memory.readdir(OWNER, DIR.handle(), 0, 1).items().size(), "the first child is cached");
        assertNull(memory.readdir(OWNER, DIR.handle(), 0, 10), "the second child is not: never left out");
        cached(other);

        DirectoryPage page = memory.readdir(OWNER, DIR.handle(), 5, 10);
        assertEquals(1, page.items().size());
        assertEquals(9, page.items().get(0).cookie());
        assertEquals("g", new String(page.items().get(0).name(), StandardCharsets.UTF_8));
        assertEquals(other, page.items().get(0).attributes());
        assertTrue(page.end());
        assertFalse(memory.readdir(OWNER, DIR.handle(), 0, 1).end());

        assertNull(memory.readdir(STRANGER, DIR.handle(), 0, 10), "no read permission on 0750 for others");
        assertNull(memory.readdir(OWNER, FILE.handle(), 0, 10), "not a directory");
        cached(attributes(DIR.inodeId(), FileType.DIRECTORY, 0750, 1000, 100, DIR.change() + 1));
        assertNull(memory.readdir(OWNER, DIR.handle(), 5, 10), "the directory changed since the listing was kept");
    }
}
