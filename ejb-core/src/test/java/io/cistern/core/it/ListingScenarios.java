package io.cistern.core.it;

import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.BOB;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.bytes;
import static io.cistern.core.it.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.DirectoryItem;
import io.cistern.core.fs.DirectoryPage;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsStat;
import io.cistern.core.fs.NamedAttributes;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.model.Share;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** READDIR, FSSTAT, handles and share roots, names, and SMB's case-insensitive lookup. */
final class ListingScenarios {
    private final Fixture f;
    private final MetadataService fs;

    ListingScenarios(Fixture fixture) {
        this.f = fixture;
        this.fs = fixture.fs;
    }

    void readdirPagesWithStableIncreasingCookies() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add("file-" + i);
            f.create(ALICE, f.dir, "file-" + i);
        }
        DirectoryPage first = fs.readdir(ALICE, f.dir, 0, 3);
        DirectoryPage second = fs.readdir(ALICE, f.dir, first.items().get(2).cookie(), 3);
        DirectoryPage third = fs.readdir(ALICE, f.dir, second.items().get(2).cookie(), 3);
        assertEquals(List.of(3, 3, 1), List.of(first.items().size(), second.items().size(), third.items().size()));
        assertEquals(List.of(false, false, true), List.of(first.end(), second.end(), third.end()));
        assertEquals(first.verifier(), third.verifier(), "nothing changed between the pages");
        List<DirectoryItem> all = new ArrayList<>(first.items());
        all.addAll(second.items());
        all.addAll(third.items());
        assertEquals(made, all.stream().map(item -> Fixture.text(item.name())).toList());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).cookie() > all.get(i - 1).cookie(), "cookies strictly increase");
        }
        assertEquals(cookies(all), cookies(f.list(f.dir, 2)), "the same cookies on every listing");
        assertEquals(cookies(all), cookies(f.list(f.dir, 7)));

        DirectoryPage exact = fs.readdir(ALICE, f.dir, 0, 7);
        assertTrue(exact.end(), "a page that holds the rest is the end");
        DirectoryPage past = fs.readdir(ALICE, f.dir, all.get(6).cookie(), 3);
        assertTrue(past.items().isEmpty());
        assertTrue(past.end());

        // an entry removed under a client's cookie does not derail the listing
        fs.remove(ALICE, f.dir, bytes("file-2"));
        DirectoryPage resumed = fs.readdir(ALICE, f.dir, all.get(2).cookie(), 10);
        assertEquals(List.of("file-3", "file-4", "file-5", "file-6"),
                resumed.items().stream().map(item -> Fixture.text(item.name())).toList());
        assertTrue(resumed.end());
    }

    void readdirVerifierChangesWithTheDirectory() {
        long empty = fs.readdir(ALICE, f.dir, 0, 10).verifier();
        assertEquals(empty, fs.readdir(ALICE, f.dir, 0, 10).verifier(), "stable while nothing changes");
        f.create(ALICE, f.dir, "one");
        long afterCreate = fs.readdir(ALICE, f.dir, 0, 10).verifier();
        assertNotEquals(empty, afterCreate);
        fs.rename(ALICE, f.dir, bytes("one"), f.dir, bytes("two"));
        long afterRename = fs.readdir(ALICE, f.dir, 0, 10).verifier();
        assertNotEquals(afterCreate, afterRename);
        fs.remove(ALICE, f.dir, bytes("two"));
        assertNotEquals(afterRename, fs.readdir(ALICE, f.dir, 0, 10).verifier());
    }

    void readdirCarriesEachEntrysAttributes() {
        f.create(ALICE, f.dir, "file", 0640);
        f.mkdir(BOB, f.dir, "dir", 0750);
        fs.symlink(ALICE, f.dir, bytes("link"), bytes("file"), 0777);
        fs.mknod(ALICE, f.dir, bytes("fifo"), FileType.FIFO, 0600, 0);
        Attributes file = f.lookup(f.dir, "file");
        fs.link(ALICE, file.handle(), f.dir, bytes("hard"));
        DirectoryPage page = fs.readdir(ALICE, f.dir, 0, 100);
        assertEquals(f.attrs(f.dir), page.directory());
        assertEquals(5, page.items().size());
        for (DirectoryItem item : page.items()) {
            String name = Fixture.text(item.name());
            assertEquals(f.lookup(f.dir, name), item.attributes(), name);
            assertEquals(f.attrs(item.attributes().handle()), item.attributes(), name);
        }
        Map<String, Attributes> entries = f.entries(f.dir);
        assertEquals(FileType.DIRECTORY, entries.get("dir").type());
        assertEquals(BOB.uid(), entries.get("dir").uid());
        assertEquals(2, entries.get("file").nlink());
        assertEquals(entries.get("file").inodeId(), entries.get("hard").inodeId());
        assertEquals(FileType.SYMLINK, entries.get("link").type());
        assertEquals(4, entries.get("link").size());
        assertEquals(FileType.FIFO, entries.get("fifo").type());
    }

    void fsstatCountsFilesAndSpace() {
        FsStat before = fs.fsstat(f.dir);
        assertTrue(before.freeBytes() > 0);
        assertEquals(before.freeBytes(), before.availableBytes());
        assertTrue(before.totalBytes() >= before.freeBytes());
        assertTrue(before.freeFiles() > 0 && before.freeFiles() < before.totalFiles());
        f.create(ALICE, f.dir, "one-more");
        FsStat after = fs.fsstat(f.dir);
        assertEquals(before.totalFiles() - before.freeFiles() + 1, after.totalFiles() - after.freeFiles(),
                "one more file in use");
        fs.remove(ALICE, f.dir, bytes("one-more"));
        FsStat removed = fs.fsstat(f.shareRoot);
        assertEquals(before.totalFiles() - before.freeFiles(), removed.totalFiles() - removed.freeFiles());
    }

    void aHandleOfAnotherGenerationIsStale() {
        Attributes file = f.create(ALICE, f.dir, "file");
        FileHandle handle = file.handle();
        FileHandle wrongGeneration = new FileHandle(handle.shareId(), handle.inodeId(), handle.generation() ^ 1);
        expect(FsError.STALE, () -> fs.getattr(wrongGeneration));
        expect(FsError.STALE, () -> fs.access(ALICE, wrongGeneration, 7));
        expect(FsError.STALE, () -> fs.setattr(ALICE, wrongGeneration, io.cistern.core.fs.AttributeChanges.none().withMode(0), null));
        FileHandle dirWrongGeneration = new FileHandle(f.dir.shareId(), f.dir.inodeId(), f.dir.generation() ^ 1);
        expect(FsError.STALE, () -> fs.lookup(ALICE, dirWrongGeneration, bytes("file")));
        expect(FsError.STALE, () -> fs.readdir(ALICE, dirWrongGeneration, 0, 10));
        expect(FsError.STALE, () -> fs.create(ALICE, dirWrongGeneration, bytes("x"), 0644, CreateMode.GUARDED, 0));
        expect(FsError.STALE, () -> fs.remove(ALICE, dirWrongGeneration, bytes("file")));
        expect(FsError.STALE, () -> fs.getattr(new FileHandle(handle.shareId(), Long.MAX_VALUE, 0)));
        assertEquals(file, f.attrs(handle));
    }

    void shareRootsByName() {
        FileHandle root = fs.root(Share.DEFAULT_NAME);
        assertEquals(f.shareRoot, root);
        Attributes top = f.attrs(root);
        assertEquals(FileType.DIRECTORY, top.type());
        assertEquals(0, top.uid());
        assertEquals(0, top.gid());
        assertEquals(01777, top.mode(), "writable by all, sticky, like /tmp");
        assertEquals(top, fs.parent(ALICE, root), "the top directory is its own parent");
        assertEquals(top, fs.parent(ALICE, f.dir));
        expect(FsError.NOT_FOUND, () -> fs.root("no-such-share"));
    }

    void namesUpTo255BytesWithoutSlashNulOrDots() {
        String longest = "é".repeat(127) + "x";
        assertEquals(255, bytes(longest).length);
        f.create(ALICE, f.dir, longest);
        assertEquals(f.lookup(f.dir, longest).inodeId(), f.entries(f.dir).get(longest).inodeId());
        String tooLong = "a".repeat(256);
        expect(FsError.NAME_TOO_LONG, () -> f.create(ALICE, f.dir, tooLong));
        expect(FsError.NAME_TOO_LONG, () -> f.mkdir(ALICE, f.dir, tooLong));
        expect(FsError.NAME_TOO_LONG, () -> f.lookup(f.dir, tooLong));
        expect(FsError.NAME_TOO_LONG, () -> fs.rename(ALICE, f.dir, bytes(longest), f.dir, bytes(tooLong)));
        for (String bad : List.of("a/b", "/", "a\0b", ".", "..", "")) {
            expect(FsError.INVALID, () -> f.create(ALICE, f.dir, bad));
            expect(FsError.INVALID, () -> f.mkdir(ALICE, f.dir, bad));
            expect(FsError.INVALID, () -> fs.symlink(ALICE, f.dir, bytes(bad), bytes("t"), 0777));
            expect(FsError.INVALID, () -> fs.rename(ALICE, f.dir, bytes(longest), f.dir, bytes(bad)));
            expect(FsError.INVALID, () -> fs.link(ALICE, f.lookup(f.dir, longest).handle(), f.dir, bytes(bad)));
            expect(FsError.INVALID, () -> fs.remove(ALICE, f.dir, bytes(bad)));
        }
        expect(FsError.INVALID, () -> fs.rmdir(ALICE, f.dir, bytes("..")));
        assertEquals(List.of(longest), f.names(f.dir));
        // "..." and ".x" are ordinary names
        f.create(ALICE, f.dir, "...");
        f.create(ALICE, f.dir, ".x");
        assertEquals(3, f.names(f.dir).size());
    }

    void namesNeedNotBeUtf8() {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9};
        byte[] broken = {(byte) 0xff, (byte) 0xfe, 'x'};
        byte[] truncated = {'a', (byte) 0xc3};
        for (byte[] name : List.of(latin1, broken, truncated)) {
            fs.create(ALICE, f.dir, name, 0644, CreateMode.GUARDED, 0);
        }
        assertEquals(FileType.REGULAR, fs.lookup(ALICE, f.dir, latin1).type());
        List<byte[]> listed = fs.readdir(ALICE, f.dir, 0, 10).items().stream().map(DirectoryItem::name).toList();
        assertEquals(3, listed.size());
        assertArrayEquals(latin1, listed.get(0));
        assertArrayEquals(broken, listed.get(1));
        assertArrayEquals(truncated, listed.get(2));
        assertNotEquals(fs.lookup(ALICE, f.dir, broken).inodeId(), fs.lookup(ALICE, f.dir, truncated).inodeId());
        // the UTF-8 reading of the Latin-1 bytes is another name
        expect(FsError.NOT_FOUND, () -> fs.lookup(ALICE, f.dir, bytes("café")));

        byte[] renamed = {'n', (byte) 0x80, 'w'};
        fs.rename(ALICE, f.dir, broken, f.dir, renamed);
        assertEquals(FileType.REGULAR, fs.lookup(ALICE, f.dir, renamed).type());
        fs.remove(ALICE, f.dir, renamed);
        expect(FsError.NOT_FOUND, () -> fs.lookup(ALICE, f.dir, broken));
        assertEquals(2, f.names(f.dir).size());
    }

    void caseInsensitiveLookupPrefersTheExactName() {
        Attributes readme = f.create(ALICE, f.dir, "README.txt");
        assertEquals(readme.inodeId(), fs.lookupIgnoringCase(ALICE, f.dir, "readme.TXT").inodeId());
        assertEquals(readme.inodeId(), fs.lookupIgnoringCase(ALICE, f.dir, "README.txt").inodeId());
        expect(FsError.NOT_FOUND, () -> fs.lookup(ALICE, f.dir, bytes("readme.TXT")));

        Attributes lower = f.create(ALICE, f.dir, "a");
        Attributes upper = f.create(ALICE, f.dir, "A");
        assertEquals(upper.inodeId(), fs.lookupIgnoringCase(ALICE, f.dir, "A").inodeId());
        assertEquals(lower.inodeId(), fs.lookupIgnoringCase(ALICE, f.dir, "a").inodeId());

        Attributes accented = f.create(ALICE, f.dir, "Élan");
        assertEquals(accented.inodeId(), fs.lookupIgnoringCase(ALICE, f.dir, "éLAN").inodeId());
        // a renamed entry is found by its new name only
        fs.rename(ALICE, f.dir, bytes("README.txt"), f.dir, bytes("Notes.md"));
        expect(FsError.NOT_FOUND, () -> fs.lookupIgnoringCase(ALICE, f.dir, "readme.txt"));
        assertEquals(readme.inodeId(), fs.lookupIgnoringCase(ROOT, f.dir, "NOTES.MD").inodeId());
        // what a rename or removal over SMB must name: the entry as stored, not as typed
        NamedAttributes found = fs.entryIgnoringCase(ALICE, f.dir, "notes.MD");
        assertArrayEquals(bytes("Notes.md"), found.name());
        assertEquals(readme.inodeId(), found.attributes().inodeId());

        // SMB's search for one name: every spelling of it, in listing order with the listing's cookies
        DirectoryPage both = fs.readdirNamed(ALICE, f.dir, "A");
        assertEquals(List.of(lower.inodeId(), upper.inodeId()),
                both.items().stream().map(item -> item.attributes().inodeId()).toList());
        assertTrue(both.end());
        List<DirectoryItem> listed = fs.readdir(ALICE, f.dir, 0, 100).items().stream()
                .filter(item -> new String(item.name(), java.nio.charset.StandardCharsets.UTF_8)
                        .equalsIgnoreCase("a")).toList();
        assertEquals(cookies(listed), cookies(both.items()));
        assertArrayEquals(bytes("Notes.md"), fs.readdirNamed(ALICE, f.dir, "NOTES.md").items().get(0).name());
        assertTrue(fs.readdirNamed(ALICE, f.dir, "readme.txt").items().isEmpty(), "the old name is gone");
        FileHandle searchOnly = f.mkdir(ALICE, f.dir, "search-only", 0711).handle();
        expect(FsError.ACCESS, () -> fs.readdirNamed(BOB, searchOnly, "x"));
    }

    private static List<Long> cookies(List<DirectoryItem> items) {
        return items.stream().map(DirectoryItem::cookie).toList();
    }
}
