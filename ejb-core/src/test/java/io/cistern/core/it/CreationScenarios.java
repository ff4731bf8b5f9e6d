package io.cistern.core.it;

import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.BOB;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.bytes;
import static io.cistern.core.it.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.NodeChange;
import io.cistern.core.metadata.MetadataService;
import java.util.Arrays;

/** CREATE in its three modes, MKDIR and RMDIR, SYMLINK and READLINK, MKNOD. */
final class CreationScenarios {
    private final Fixture f;
    private final MetadataService fs;

    CreationScenarios(Fixture fixture) {
        this.f = fixture;
        this.fs = fixture.fs;
    }

    void uncheckedCreateReturnsTheExistingFile() {
        Attributes first = f.create(ALICE, f.dir, "file", 0644);
        NodeChange again = fs.create(ALICE, f.dir, bytes("file"), 0600, CreateMode.UNCHECKED, 0);
        assertEquals(first.handle(), again.node().handle());
        assertEquals(0644, again.node().mode(), "an existing file keeps its mode");
        assertEquals(f.attrs(f.dir), again.directory().after(), "the directory did not change");

        f.mkdir(ALICE, f.dir, "directory");
        expect(FsError.EXISTS, () -> fs.create(ALICE, f.dir, bytes("directory"), 0644, CreateMode.UNCHECKED, 0));
    }

    void guardedCreateOfAnExistingNameFails() {
        f.create(ALICE, f.dir, "file");
        f.mkdir(ALICE, f.dir, "directory");
        expect(FsError.EXISTS, () -> fs.create(BOB, f.dir, bytes("file"), 0644, CreateMode.GUARDED, 0));
        expect(FsError.EXISTS, () -> fs.create(BOB, f.dir, bytes("directory"), 0644, CreateMode.GUARDED, 0));
        expect(FsError.EXISTS, () -> fs.mkdir(BOB, f.dir, bytes("file"), 0755));
        expect(FsError.EXISTS, () -> fs.symlink(BOB, f.dir, bytes("directory"), bytes("x"), 0777));
        expect(FsError.EXISTS, () -> fs.mknod(BOB, f.dir, bytes("file"), FileType.FIFO, 0644, 0));
    }

    void exclusiveCreateIsIdempotentPerVerifier() {
        Attributes made = fs.create(ALICE, f.dir, bytes("excl"), 0644, CreateMode.EXCLUSIVE, 42).node();
        Attributes retransmitted = fs.create(ALICE, f.dir, bytes("excl"), 0644, CreateMode.EXCLUSIVE, 42).node();
        assertEquals(made.handle(), retransmitted.handle(), "a retransmission finds its own file");
        expect(FsError.EXISTS, () -> fs.create(ALICE, f.dir, bytes("excl"), 0644, CreateMode.EXCLUSIVE, 43));
        expect(FsError.EXISTS, () -> fs.create(ALICE, f.dir, bytes("excl"), 0644, CreateMode.GUARDED, 42));

        // the client sets the real attributes next; from then on the verifier no longer matches
        fs.setattr(ALICE, made.handle(), AttributeChanges.none().withMode(0640), null);
        expect(FsError.EXISTS, () -> fs.create(ALICE, f.dir, bytes("excl"), 0644, CreateMode.EXCLUSIVE, 42));
        assertEquals(0640, f.attrs(made.handle()).mode());
    }

    void newFileHasTheCallersOwnershipAndOneTime() {
        long before = Fixture.now();
        Attributes file = fs.create(ALICE, f.dir, bytes("new"), 0640, CreateMode.GUARDED, 0).node();
        long after = Fixture.now();
        assertEquals(FileType.REGULAR, file.type());
        assertEquals(ALICE.uid(), file.uid());
        assertEquals(ALICE.gid(), file.gid());
        assertEquals(0640, file.mode());
        assertEquals(1, file.nlink());
        assertEquals(0, file.size());
        assertEquals(f.attrs(f.dir).shareId(), file.shareId());
        assertEquals(file.atime(), file.mtime());
        assertEquals(file.atime(), file.ctime());
        assertEquals(file.atime(), file.birthTime());
        assertTrue(before <= file.ctime() && file.ctime() <= after, "the times are the server's clock at the create");
        assertEquals(file, f.attrs(file.handle()), "getattr answers what create answered");
        assertEquals(file, f.lookup(f.dir, "new"));
    }

    void createChangesTheDirectoryAndReportsItBeforeAndAfter() {
        Attributes dirBefore = f.attrs(f.dir);
        Fixture.tick();
        NodeChange made = fs.create(ALICE, f.dir, bytes("new"), 0644, CreateMode.GUARDED, 0);
        Attributes dirAfter = f.attrs(f.dir);
        assertEquals(dirBefore.wcc(), made.directory().before());
        assertEquals(dirAfter, made.directory().after());
        assertTrue(dirAfter.mtime() > dirBefore.mtime(), "mtime advances");
        assertTrue(dirAfter.ctime() > dirBefore.ctime(), "ctime advances");
        assertTrue(dirAfter.change() > dirBefore.change(), "the change counter grows");
        assertEquals(made.node().ctime(), dirAfter.mtime(), "one clock reading for the whole operation");
        assertEquals(dirBefore.nlink(), dirAfter.nlink(), "a file adds no link to its directory");
    }

    void mkdirAndRmdirKeepLinkCounts() {
        assertEquals(2, f.attrs(f.dir).nlink());
        NodeChange sub = fs.mkdir(ALICE, f.dir, bytes("sub"), 0750);
        assertEquals(FileType.DIRECTORY, sub.node().type());
        assertEquals(2, sub.node().nlink(), "a new directory: its name and its '.'");
        assertEquals(0750, sub.node().mode());
        assertEquals(3, sub.directory().after().nlink(), "the new directory's '..'");
        assertEquals(f.attrs(f.dir), fs.parent(ALICE, sub.node().handle()));
        f.create(ALICE, f.dir, "file");
        f.mkdir(ALICE, f.dir, "sub2");
        assertEquals(4, f.attrs(f.dir).nlink());
        assertEquals(2, f.attrs(sub.node().handle()).nlink(), "a file in it changes nothing");

        var removed = fs.rmdir(ALICE, f.dir, bytes("sub"));
        assertEquals(3, removed.after().nlink());
        assertEquals(f.attrs(f.dir), removed.after());
        assertTrue(removed.after().mtime() >= removed.before().mtime());
        expect(FsError.NOT_FOUND, () -> f.lookup(f.dir, "sub"));
        expect(FsError.STALE, () -> fs.getattr(sub.node().handle()));
        fs.rmdir(ALICE, f.dir, bytes("sub2"));
        assertEquals(2, f.attrs(f.dir).nlink());
    }

    void rmdirOfANonEmptyDirectoryFails() {
        FileHandle sub = f.mkdir(ALICE, f.dir, "sub").handle();
        f.create(ALICE, sub, "inside");
        expect(FsError.NOT_EMPTY, () -> fs.rmdir(ALICE, f.dir, bytes("sub")));
        assertEquals(3, f.attrs(f.dir).nlink());
        fs.remove(ALICE, sub, bytes("inside"));
        fs.rmdir(ALICE, f.dir, bytes("sub"));
    }

    void wrongTypeForRmdirAndRemove() {
        f.create(ALICE, f.dir, "file");
        f.mkdir(ALICE, f.dir, "sub");
        expect(FsError.NOT_DIRECTORY, () -> fs.rmdir(ALICE, f.dir, bytes("file")));
        expect(FsError.IS_DIRECTORY, () -> fs.remove(ALICE, f.dir, bytes("sub")));
        assertTrue(f.exists(f.dir, "file"));
        assertTrue(f.exists(f.dir, "sub"));
    }

    void missingNamesAreNotFound() {
        FileHandle other = f.mkdir(ALICE, f.dir, "other").handle();
        expect(FsError.NOT_FOUND, () -> fs.lookup(ALICE, f.dir, bytes("missing")));
        expect(FsError.NOT_FOUND, () -> fs.lookupIgnoringCase(ALICE, f.dir, "missing"));
        expect(FsError.NOT_FOUND, () -> fs.remove(ALICE, f.dir, bytes("missing")));
        expect(FsError.NOT_FOUND, () -> fs.rmdir(ALICE, f.dir, bytes("missing")));
        expect(FsError.NOT_FOUND, () -> fs.rename(ALICE, f.dir, bytes("missing"), f.dir, bytes("target")));
        expect(FsError.NOT_FOUND, () -> fs.rename(ALICE, f.dir, bytes("missing"), other, bytes("target")));
    }

    void aFileIsNoDirectory() {
        FileHandle file = f.file(ALICE, "file");
        FileHandle dir = f.dir;
        byte[] x = bytes("x");
        expect(FsError.NOT_DIRECTORY, () -> fs.lookup(ALICE, file, x));
        expect(FsError.NOT_DIRECTORY, () -> fs.lookupIgnoringCase(ALICE, file, "x"));
        expect(FsError.NOT_DIRECTORY, () -> fs.parent(ALICE, file));
        expect(FsError.NOT_DIRECTORY, () -> fs.readdir(ALICE, file, 0, 10));
        expect(FsError.NOT_DIRECTORY, () -> fs.create(ALICE, file, x, 0644, CreateMode.GUARDED, 0));
        expect(FsError.NOT_DIRECTORY, () -> fs.mkdir(ALICE, file, x, 0755));
        expect(FsError.NOT_DIRECTORY, () -> fs.symlink(ALICE, file, x, bytes("t"), 0777));
        expect(FsError.NOT_DIRECTORY, () -> fs.mknod(ALICE, file, x, FileType.FIFO, 0644, 0));
        expect(FsError.NOT_DIRECTORY, () -> fs.link(ALICE, file, file, x));
        expect(FsError.NOT_DIRECTORY, () -> fs.remove(ALICE, file, x));
        expect(FsError.NOT_DIRECTORY, () -> fs.rmdir(ALICE, file, x));
        expect(FsError.NOT_DIRECTORY, () -> fs.rename(ALICE, file, x, dir, x));
        expect(FsError.NOT_DIRECTORY, () -> fs.rename(ALICE, dir, bytes("file"), file, x));
        expect(FsError.NOT_DIRECTORY, () -> fs.rename(ALICE, file, x, file, bytes("y")));
    }

    void symlinkKeepsItsTargetBytes() {
        byte[] target = {'.', '.', '/', 'o', 'u', 't', (byte) 0xff, '/', (byte) 0xc3, (byte) 0xa9};
        NodeChange made = fs.symlink(ALICE, f.dir, bytes("link"), target, 0600);
        Attributes link = made.node();
        assertEquals(FileType.SYMLINK, link.type());
        assertEquals(0777, link.mode(), "a symlink is always 0777");
        assertEquals(target.length, link.size());
        assertEquals(1, link.nlink());
        assertEquals(ALICE.uid(), link.uid());
        assertArrayEquals(target, fs.readlink(link.handle()));
        assertEquals(link, f.lookup(f.dir, "link"));
        assertTrue(made.directory().after().mtime() > made.directory().before().mtime());

        FileHandle file = f.file(ALICE, "file");
        expect(FsError.INVALID, () -> fs.readlink(file));
        expect(FsError.INVALID, () -> fs.readlink(f.dir));
        expect(FsError.INVALID, () -> fs.symlink(ALICE, f.dir, bytes("empty"), new byte[0], 0777));
        byte[] tooLong = new byte[4097];
        Arrays.fill(tooLong, (byte) 'a');
        expect(FsError.NAME_TOO_LONG, () -> fs.symlink(ALICE, f.dir, bytes("long"), tooLong, 0777));
        assertFalse(f.exists(f.dir, "empty"));
        fs.remove(ALICE, f.dir, bytes("link"));
        expect(FsError.STALE, () -> fs.readlink(link.handle()));
    }

    void mknodMakesFifosAndSocketsForUsersAndDevicesForRoot() {
        Attributes fifo = fs.mknod(ALICE, f.dir, bytes("fifo"), FileType.FIFO, 0640, 77).node();
        assertEquals(FileType.FIFO, fifo.type());
        assertEquals(0640, fifo.mode());
        assertEquals(0, fifo.rdev(), "rdev means nothing for a FIFO");
        assertEquals(1, fifo.nlink());
        Attributes socket = fs.mknod(BOB, f.dir, bytes("socket"), FileType.SOCKET, 0600, 0).node();
        assertEquals(FileType.SOCKET, socket.type());
        assertEquals(BOB.uid(), socket.uid());

        long rdev = (8L << 32) | 1;
        expect(FsError.PERMISSION, () -> fs.mknod(ALICE, f.dir, bytes("tty"), FileType.CHAR_DEVICE, 0660, rdev));
        expect(FsError.PERMISSION, () -> fs.mknod(ALICE, f.dir, bytes("disk"), FileType.BLOCK_DEVICE, 0660, rdev));
        Attributes tty = fs.mknod(ROOT, f.dir, bytes("tty"), FileType.CHAR_DEVICE, 0660, rdev).node();
        assertEquals(FileType.CHAR_DEVICE, tty.type());
        assertEquals(rdev, tty.rdev());
        assertEquals(rdev, f.attrs(tty.handle()).rdev());
        Attributes disk = fs.mknod(ROOT, f.dir, bytes("disk"), FileType.BLOCK_DEVICE, 0600, 3).node();
        assertEquals(3, disk.rdev());

        expect(FsError.INVALID, () -> fs.mknod(ROOT, f.dir, bytes("regular"), FileType.REGULAR, 0644, 0));
        expect(FsError.INVALID, () -> fs.mknod(ROOT, f.dir, bytes("directory"), FileType.DIRECTORY, 0755, 0));
        expect(FsError.INVALID, () -> fs.mknod(ROOT, f.dir, bytes("symlink"), FileType.SYMLINK, 0777, 0));
        assertEquals(4, f.names(f.dir).size());
    }
}
