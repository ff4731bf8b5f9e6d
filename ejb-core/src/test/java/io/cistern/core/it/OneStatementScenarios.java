package io.cistern.core.it;

import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.BOB;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.bytes;
import static io.cistern.core.it.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.DirectoryChange;
import io.cistern.core.fs.DirectoryItem;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.NodeChange;
import io.cistern.core.fs.Renamed;
import io.cistern.core.metadata.MetadataCaches;
import io.cistern.core.metadata.MetadataService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE, REMOVE and RENAME within a directory as one statement each (OneTripMutations): that they are taken, that
 * what they answer is what the database then holds, that a directory whose owner or mode changed meanwhile is judged
 * as it is now, and that the ids they draw never meet those of the JPA path.
 */
final class OneStatementScenarios {
    private final Fixture f;
    private final MetadataService fs;
    private final MetadataCaches caches;

    OneStatementScenarios(Fixture fixture, MetadataCaches caches) {
        this.f = fixture;
        this.fs = fixture.fs;
        this.caches = caches;
    }

    void answersMatchWhatTheDatabaseHolds() {
        long before = caches.oneStatementChanges();
        Fixture.tick();
        NodeChange created = fs.create(ALICE, f.dir, bytes("a"), 0640, CreateMode.GUARDED, 0);
        assertEquals(before + 1, caches.oneStatementChanges(), "the create took one statement");
        assertEquals(created.node(), f.attrs(created.node().handle()), "the new file as cached");
        assertEquals(created.node(), stored(created.node().handle()), "the new file as stored");
        assertEquals(created.directory().after(), f.attrs(f.dir), "the directory as the change left it in the cache");
        assertEquals(created.directory().after(), stored(f.dir), "the directory as stored");
        assertTrue(created.directory().after().mtime() > created.directory().before().mtime());
        assertEquals(0640, created.node().mode());
        assertEquals(ALICE.uid(), created.node().uid());
        expect(FsError.EXISTS, () -> fs.create(BOB, f.dir, bytes("a"), 0644, CreateMode.GUARDED, 0));
        assertEquals(created.node(), fs.create(BOB, f.dir, bytes("a"), 0600, CreateMode.UNCHECKED, 0).node(),
                "an unchecked create keeps the file");

        assertEquals(created.node(), fs.lookupIgnoringCase(ALICE, f.dir, "a"), "SMB's lookup, from the cached name");
        assertEquals(created.node(), fs.lookupIgnoringCase(ALICE, f.dir, "A"), "and in another case");

        Fixture.tick();
        Renamed renamed = fs.rename(ALICE, f.dir, bytes("a"), f.dir, bytes("b"));
        assertEquals(renamed.to().after(), f.attrs(f.dir));
        assertEquals(renamed.to().after(), stored(f.dir));
        Attributes moved = f.lookup(f.dir, "b");
        assertEquals(created.node().inodeId(), moved.inodeId());
        assertTrue(moved.ctime() > created.node().ctime(), "a rename changes the moved inode's ctime");
        expect(FsError.NOT_FOUND, () -> f.lookup(f.dir, "a"));
        expect(FsError.NOT_FOUND, () -> fs.lookupIgnoringCase(ALICE, f.dir, "a"));
        assertEquals(moved.inodeId(), fs.lookupIgnoringCase(ALICE, f.dir, "b").inodeId());
        assertEquals(moved.inodeId(), fs.lookupIgnoringCase(ALICE, f.dir, "B").inodeId());
        expect(FsError.NOT_FOUND, () -> fs.rename(ALICE, f.dir, bytes("a"), f.dir, bytes("c")));

        fs.link(ALICE, moved.handle(), f.dir, bytes("c"));
        DirectoryChange removed = fs.remove(BOB, f.dir, bytes("b"));
        assertEquals(removed.after(), f.attrs(f.dir));
        assertEquals(removed.after(), stored(f.dir));
        assertEquals(1, f.attrs(moved.handle()).nlink(), "the inode keeps its other name");
        fs.remove(BOB, f.dir, bytes("c"));
        expect(FsError.STALE, () -> fs.getattr(moved.handle()));
        expect(FsError.NOT_FOUND, () -> fs.remove(BOB, f.dir, bytes("c")));
        f.mkdir(ALICE, f.dir, "sub");
        expect(FsError.IS_DIRECTORY, () -> fs.remove(ALICE, f.dir, bytes("sub")));
        assertEquals(List.of("sub"), f.names(f.dir));
        assertTrue(caches.oneStatementChanges() >= before + 4, "create, rename and two removes in one statement each");
    }

    /** The inode as the database holds it: the cache, which the change filled, is bypassed. */
    private Attributes stored(FileHandle handle) {
        caches.attributes().invalidate(handle.inodeId());
        return f.attrs(handle);
    }

    void aDirectoryIsJudgedAsItIsNow() {
        FileHandle sub = f.mkdir(ALICE, f.dir, "shared", 0777).handle();
        f.create(BOB, sub, "x");
        fs.setattr(ALICE, sub, AttributeChanges.none().withMode(0755), null);
        expect(FsError.ACCESS, () -> f.create(BOB, sub, "y"));
        expect(FsError.ACCESS, () -> fs.remove(BOB, sub, bytes("x")));
        expect(FsError.ACCESS, () -> fs.rename(BOB, sub, bytes("x"), sub, bytes("z")));
        fs.setattr(ALICE, sub, AttributeChanges.none().withMode(0777), null);
        f.create(BOB, sub, "y");
        fs.rename(BOB, sub, bytes("x"), sub, bytes("z"));
        assertEquals(List.of("z", "y"), f.names(sub));
        fs.setattr(ROOT, sub, AttributeChanges.none().withOwner(BOB.uid(), null), null);
        fs.setattr(ROOT, sub, AttributeChanges.none().withMode(02770), null);
        Attributes inherited = f.create(BOB, sub, "w");
        assertEquals(f.attrs(sub).gid(), inherited.gid(), "a set-group-ID directory, as it is now, hands down its group");
        expect(FsError.ACCESS, () -> f.create(Fixture.CAROL, sub, "v"));
    }

    void idsOfBothPathsNeverMeet() {
        Set<Long> inodes = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            assertTrue(inodes.add(f.mkdir(ALICE, f.dir, "d" + i).inodeId()));
            assertTrue(inodes.add(f.create(ALICE, f.dir, "f" + i).inodeId()));
        }
        List<DirectoryItem> items = f.list(f.dir, 7);
        assertEquals(80, items.size());
        Set<Long> cookies = new HashSet<>();
        for (DirectoryItem item : items) {
            assertTrue(cookies.add(item.cookie()), "cookie " + item.cookie() + " twice");
            assertTrue(inodes.contains(item.attributes().inodeId()));
        }
    }
}
