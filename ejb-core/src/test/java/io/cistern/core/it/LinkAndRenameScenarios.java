package io.cistern.core.it;

import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.bytes;
import static io.cistern.core.it.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.DirectoryItem;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.NodeChange;
import io.cistern.core.fs.Renamed;
import io.cistern.core.metadata.MetadataService;
import java.util.List;

/** LINK and RENAME: link counts, replacement, directories, loops, cookies. */
final class LinkAndRenameScenarios {
    private static final String SECOND_SHARE = "it-second";

    private final Fixture f;
    private final MetadataService fs;

    LinkAndRenameScenarios(Fixture fixture) {
        this.f = fixture;
        this.fs = fixture.fs;
    }

    void hardLinksCountNamesAndTheLastNameTakesTheInode() {
        Attributes file = f.create(ALICE, f.dir, "first");
        FileHandle other = f.mkdir(ALICE, f.dir, "other").handle();
        Fixture.tick();
        NodeChange linked = fs.link(ALICE, file.handle(), f.dir, bytes("second"));
        assertEquals(2, linked.node().nlink());
        assertTrue(linked.node().ctime() > file.ctime(), "a new link changes the inode's ctime");
        assertTrue(linked.node().change() > file.change());
        assertEquals(file.mtime(), linked.node().mtime(), "but not its contents");
        assertTrue(linked.directory().after().mtime() > linked.directory().before().mtime());
        assertEquals(file.inodeId(), f.lookup(f.dir, "second").inodeId());
        fs.link(ALICE, file.handle(), other, bytes("third"));
        assertEquals(3, f.attrs(file.handle()).nlink());
        assertEquals(3, f.lookup(other, "third").nlink());
        expect(FsError.EXISTS, () -> fs.link(ALICE, file.handle(), other, bytes("third")));

        Attributes beforeRemove = f.attrs(file.handle());
        Fixture.tick();
        fs.remove(ALICE, f.dir, bytes("first"));
        Attributes afterRemove = f.attrs(file.handle());
        assertEquals(2, afterRemove.nlink());
        assertTrue(afterRemove.ctime() > beforeRemove.ctime(), "losing a name changes ctime");
        fs.remove(ALICE, other, bytes("third"));
        assertEquals(1, f.attrs(file.handle()).nlink());
        fs.remove(ALICE, f.dir, bytes("second"));
        expect(FsError.STALE, () -> fs.getattr(file.handle()));
        expect(FsError.NOT_FOUND, () -> f.lookup(f.dir, "second"));
    }

    void directoriesCannotBeHardLinked() {
        FileHandle sub = f.mkdir(ALICE, f.dir, "sub").handle();
        expect(FsError.PERMISSION, () -> fs.link(ALICE, sub, f.dir, bytes("again")));
        expect(FsError.PERMISSION, () -> fs.link(ROOT, sub, f.dir, bytes("again")));
        assertEquals(2, f.attrs(sub).nlink());
        assertFalse(f.exists(f.dir, "again"));
    }

    /**
     * A link or rename into another share is EXDEV. A handle that claims another share for an inode is
     * simply stale: the inode does not exist there, and nothing of the first share leaks through it.
     */
    void linksAndRenamesDoNotCrossShares() {
        f.probe.createShare(SECOND_SHARE);
        try {
            FileHandle secondRoot = fs.root(SECOND_SHARE);
            Attributes file = f.create(ALICE, f.dir, "file");
            assertNotEquals(file.shareId(), secondRoot.shareId());
            expect(FsError.CROSS_DEVICE, () -> fs.link(ALICE, file.handle(), secondRoot, bytes("file")));
            expect(FsError.CROSS_DEVICE, () -> fs.rename(ALICE, f.dir, bytes("file"), secondRoot, bytes("file")));
            expect(FsError.CROSS_DEVICE, () -> fs.rename(ALICE, secondRoot, bytes("x"), f.dir, bytes("file")));

            FileHandle forged = new FileHandle(secondRoot.shareId(), file.inodeId(), file.generation());
            expect(FsError.STALE, () -> fs.getattr(forged));
            expect(FsError.STALE, () -> fs.link(ALICE, forged, secondRoot, bytes("file")));
            FileHandle forgedDir = new FileHandle(secondRoot.shareId(), f.dir.inodeId(), f.dir.generation());
            expect(FsError.STALE, () -> fs.lookup(ALICE, forgedDir, bytes("file")));
            expect(FsError.STALE, () -> fs.create(ALICE, forgedDir, bytes("new"), 0644,
                    io.cistern.core.fs.CreateMode.GUARDED, 0));
            assertEquals(1, f.attrs(file.handle()).nlink());
            assertTrue(f.names(secondRoot).isEmpty());
        } finally {
            f.probe.dropShare(SECOND_SHARE);
        }
    }

    void renameWithinADirectoryKeepsTheInodeAndTheCookie() {
        Attributes file = f.create(ALICE, f.dir, "old");
        long cookie = cookieOf(f.dir, "old");
        Attributes dirBefore = f.attrs(f.dir);
        Fixture.tick();
        Renamed renamed = fs.rename(ALICE, f.dir, bytes("old"), f.dir, bytes("new"));
        expect(FsError.NOT_FOUND, () -> f.lookup(f.dir, "old"));
        Attributes moved = f.lookup(f.dir, "new");
        assertEquals(file.handle(), moved.handle());
        assertTrue(moved.ctime() > file.ctime(), "a rename changes the moved inode's ctime");
        assertEquals(cookie, cookieOf(f.dir, "new"), "a client listing meanwhile sees no hole and no repeat");
        assertEquals(dirBefore.wcc(), renamed.from().before());
        assertEquals(f.attrs(f.dir), renamed.from().after());
        assertEquals(renamed.from(), renamed.to(), "one directory, reported twice");
        assertTrue(renamed.from().after().mtime() > dirBefore.mtime());
        assertEquals(List.of("new"), f.names(f.dir));
    }

    void renameAcrossDirectories() {
        FileHandle a = f.mkdir(ALICE, f.dir, "a").handle();
        FileHandle b = f.mkdir(ALICE, f.dir, "b").handle();
        Attributes file = f.create(ALICE, a, "file");
        Attributes aBefore = f.attrs(a);
        Attributes bBefore = f.attrs(b);
        Fixture.tick();
        Renamed renamed = fs.rename(ALICE, a, bytes("file"), b, bytes("moved"));
        assertEquals(file.handle(), f.lookup(b, "moved").handle());
        assertFalse(f.exists(a, "file"));
        assertEquals(aBefore.wcc(), renamed.from().before());
        assertEquals(bBefore.wcc(), renamed.to().before());
        assertEquals(f.attrs(a), renamed.from().after());
        assertEquals(f.attrs(b), renamed.to().after());
        assertTrue(renamed.from().after().mtime() > aBefore.mtime());
        assertTrue(renamed.to().after().mtime() > bBefore.mtime());
        assertEquals(2, f.attrs(a).nlink(), "moving a file changes no directory link count");
        assertEquals(2, f.attrs(b).nlink());
        assertEquals(1, f.attrs(file.handle()).nlink());
    }

    void renameReplacesAnExistingFile() {
        Attributes source = f.create(ALICE, f.dir, "source");
        Attributes victim = f.create(ALICE, f.dir, "victim");
        fs.rename(ALICE, f.dir, bytes("source"), f.dir, bytes("victim"));
        assertEquals(source.handle(), f.lookup(f.dir, "victim").handle());
        expect(FsError.STALE, () -> fs.getattr(victim.handle()));
        assertEquals(List.of("victim"), f.names(f.dir));

        // a victim with a second name only loses this one
        Attributes shared = f.create(ALICE, f.dir, "shared");
        fs.link(ALICE, shared.handle(), f.dir, bytes("shared-too"));
        Attributes sharedBefore = f.attrs(shared.handle());
        Fixture.tick();
        fs.rename(ALICE, f.dir, bytes("victim"), f.dir, bytes("shared"));
        Attributes sharedAfter = f.attrs(shared.handle());
        assertEquals(1, sharedAfter.nlink());
        assertTrue(sharedAfter.ctime() > sharedBefore.ctime());
        assertEquals(source.handle(), f.lookup(f.dir, "shared").handle());
        assertEquals(shared.handle(), f.lookup(f.dir, "shared-too").handle());
        assertEquals(List.of("shared", "shared-too"), f.names(f.dir).stream().sorted().toList());
    }

    /**
     * The attribute cache carries a directory's cached names over this server's own changes: a run of creates,
     * renames and removes in one directory must still find every name that exists and none that does not.
     */
    void namesStayTrueThroughARunOfChangesInOneDirectory() {
        FileHandle other = f.mkdir(ALICE, f.dir, "other").handle();
        Attributes a = f.create(ALICE, f.dir, "a");
        Attributes b = f.create(ALICE, f.dir, "b");
        Attributes c = f.create(ALICE, f.dir, "c");
        Attributes victim = f.create(ALICE, f.dir, "victim");
        for (String name : List.of("a", "b", "c", "victim")) {
            f.lookup(f.dir, name);   // every name cached, outside a transaction
        }
        fs.rename(ALICE, f.dir, bytes("b"), f.dir, bytes("d"));
        fs.remove(ALICE, f.dir, bytes("c"));
        fs.rename(ALICE, f.dir, bytes("d"), f.dir, bytes("victim"));   // replaces victim
        fs.rename(ALICE, f.dir, bytes("a"), other, bytes("a-moved"));
        Attributes e = f.create(ALICE, f.dir, "e");
        fs.link(ALICE, e.handle(), f.dir, bytes("e-too"));

        // the new names first: that caches the moved files' attributes again, so an old name left in the cache
        // would now be answered from it
        assertEquals(b.handle(), f.lookup(f.dir, "victim").handle(), "the replacing file, not the victim");
        expect(FsError.STALE, () -> fs.getattr(victim.handle()));
        assertEquals(a.handle(), f.lookup(other, "a-moved").handle());
        assertEquals(e.handle(), f.lookup(f.dir, "e").handle());
        assertEquals(e.handle(), f.lookup(f.dir, "e-too").handle());
        assertFalse(f.exists(f.dir, "a"), "moved to another directory");
        assertFalse(f.exists(f.dir, "b"), "renamed");
        assertFalse(f.exists(f.dir, "c"), "removed");
        assertFalse(f.exists(f.dir, "d"), "renamed again");
        expect(FsError.STALE, () -> fs.getattr(c.handle()));
        assertEquals(List.of("e", "e-too", "other", "victim"), f.names(f.dir).stream().sorted().toList());
    }

    void renameDirectoryOverAnEmptyDirectory() {
        FileHandle moved = f.mkdir(ALICE, f.dir, "moved").handle();
        FileHandle empty = f.mkdir(ALICE, f.dir, "empty").handle();
        f.create(ALICE, moved, "content");
        assertEquals(4, f.attrs(f.dir).nlink());
        fs.rename(ALICE, f.dir, bytes("moved"), f.dir, bytes("empty"));
        assertEquals(3, f.attrs(f.dir).nlink(), "the replaced directory's '..' is gone");
        assertEquals(moved, f.lookup(f.dir, "empty").handle());
        expect(FsError.STALE, () -> fs.getattr(empty));

        // across parents: the source parent loses a link, the target parent keeps its count
        FileHandle p1 = f.mkdir(ALICE, f.dir, "p1").handle();
        FileHandle p2 = f.mkdir(ALICE, f.dir, "p2").handle();
        FileHandle m = f.mkdir(ALICE, p1, "m").handle();
        FileHandle v = f.mkdir(ALICE, p2, "v").handle();
        fs.rename(ALICE, p1, bytes("m"), p2, bytes("v"));
        assertEquals(2, f.attrs(p1).nlink());
        assertEquals(3, f.attrs(p2).nlink());
        assertEquals(2, f.attrs(m).nlink());
        assertEquals(f.attrs(p2), fs.parent(ALICE, m));
        expect(FsError.STALE, () -> fs.getattr(v));
        assertEquals(List.of(), f.probe.treeProblems(f.dir.inodeId()));
    }

    void renameRefusesTheWrongKindOfTarget() {
        FileHandle full = f.mkdir(ALICE, f.dir, "full").handle();
        f.create(ALICE, full, "content");
        f.mkdir(ALICE, f.dir, "directory");
        f.create(ALICE, f.dir, "file");
        f.mkdir(ALICE, f.dir, "empty");
        expect(FsError.NOT_EMPTY, () -> fs.rename(ALICE, f.dir, bytes("directory"), f.dir, bytes("full")));
        expect(FsError.IS_DIRECTORY, () -> fs.rename(ALICE, f.dir, bytes("file"), f.dir, bytes("empty")));
        expect(FsError.NOT_DIRECTORY, () -> fs.rename(ALICE, f.dir, bytes("directory"), f.dir, bytes("file")));
        assertEquals(List.of("directory", "empty", "file", "full"), f.names(f.dir).stream().sorted().toList());
        assertEquals(5, f.attrs(f.dir).nlink());
    }

    void aDirectoryCannotMoveIntoItself() {
        FileHandle top = f.mkdir(ALICE, f.dir, "top").handle();
        FileHandle sub = f.mkdir(ALICE, top, "sub").handle();
        FileHandle deeper = f.mkdir(ALICE, sub, "deeper").handle();
        expect(FsError.INVALID, () -> fs.rename(ALICE, f.dir, bytes("top"), top, bytes("x")));
        expect(FsError.INVALID, () -> fs.rename(ALICE, f.dir, bytes("top"), sub, bytes("x")));
        expect(FsError.INVALID, () -> fs.rename(ALICE, f.dir, bytes("top"), deeper, bytes("top")));
        expect(FsError.INVALID, () -> fs.rename(ALICE, top, bytes("sub"), deeper, bytes("x")));
        assertEquals(f.attrs(f.dir), fs.parent(ALICE, top));
        assertEquals(f.attrs(top), fs.parent(ALICE, sub));
        assertEquals(List.of(), f.probe.treeProblems(f.dir.inodeId()));
    }

    /**
     * The target is an ancestor of the source directory: it cannot be empty, and is refused as such, for a file
     * too (Linux: ENOTEMPTY before any type check).
     */
    void renameOverAnAncestorOfTheSourceFails() {
        FileHandle top = f.mkdir(ALICE, f.dir, "top").handle();
        FileHandle sub = f.mkdir(ALICE, top, "sub").handle();
        f.mkdir(ALICE, sub, "leaf");
        f.create(ALICE, sub, "file");
        expect(FsError.NOT_EMPTY, () -> fs.rename(ALICE, sub, bytes("leaf"), f.dir, bytes("top")));
        expect(FsError.NOT_EMPTY, () -> fs.rename(ALICE, sub, bytes("file"), f.dir, bytes("top")));
        expect(FsError.NOT_EMPTY, () -> fs.rename(ALICE, sub, bytes("leaf"), top, bytes("sub")));
        assertEquals(List.of(), f.probe.treeProblems(f.dir.inodeId()));
    }

    void renameOntoAnotherNameOfTheSameInodeDoesNothing() {
        Attributes file = f.create(ALICE, f.dir, "one");
        fs.link(ALICE, file.handle(), f.dir, bytes("two"));
        Attributes before = f.attrs(file.handle());
        Renamed renamed = fs.rename(ALICE, f.dir, bytes("one"), f.dir, bytes("two"));
        assertEquals(renamed.from().before(), renamed.from().after().wcc());
        assertEquals(List.of("one", "two"), f.names(f.dir));
        assertEquals(before, f.attrs(file.handle()), "POSIX: nothing happens");
        fs.rename(ALICE, f.dir, bytes("two"), f.dir, bytes("two"));
        assertEquals(List.of("one", "two"), f.names(f.dir));
    }

    void aMovedDirectoryHasItsNewParent() {
        FileHandle from = f.mkdir(ALICE, f.dir, "from").handle();
        FileHandle to = f.mkdir(ALICE, f.dir, "to").handle();
        FileHandle moved = f.mkdir(ALICE, from, "moved").handle();
        f.mkdir(ALICE, moved, "child");
        assertEquals(f.attrs(from), fs.parent(ALICE, moved));
        fs.rename(ALICE, from, bytes("moved"), to, bytes("arrived"));
        assertEquals(f.attrs(to), fs.parent(ALICE, moved));
        assertEquals(2, f.attrs(from).nlink());
        assertEquals(3, f.attrs(to).nlink());
        assertEquals(3, f.attrs(moved).nlink(), "its own links do not change");
        assertEquals(moved, f.lookup(to, "arrived").handle());
        // and back up, to the top of the scenario
        fs.rename(ALICE, to, bytes("arrived"), f.dir, bytes("moved"));
        assertEquals(f.attrs(f.dir), fs.parent(ALICE, moved));
        assertEquals(5, f.attrs(f.dir).nlink());
        assertEquals(List.of(), f.probe.treeProblems(f.dir.inodeId()));
    }

    private long cookieOf(FileHandle directory, String name) {
        return f.list(directory, 1000).stream().filter(item -> Fixture.text(item.name()).equals(name))
                .mapToLong(DirectoryItem::cookie).findFirst().orElseThrow();
    }
}
