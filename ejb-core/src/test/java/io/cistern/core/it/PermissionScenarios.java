package io.cistern.core.it;

import static io.cistern.core.fs.PosixRules.EXECUTE;
import static io.cistern.core.fs.PosixRules.READ;
import static io.cistern.core.fs.PosixRules.WRITE;
import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.BOB;
import static io.cistern.core.it.Fixture.CAROL;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.USERS;
import static io.cistern.core.it.Fixture.bytes;
import static io.cistern.core.it.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.TimeChange;
import io.cistern.core.metadata.MetadataService;
import java.util.List;

/** Who may do what: mode bits on directories, the sticky and set-group-ID bits, ACCESS, read-only shares. */
final class PermissionScenarios {
    private static final String READ_ONLY_SHARE = "it-read-only";
    private static final int RWX = READ | WRITE | EXECUTE;

    private final Fixture f;
    private final MetadataService fs;

    PermissionScenarios(Fixture fixture) {
        this.f = fixture;
        this.fs = fixture.fs;
    }

    void changingADirectoryNeedsWritePermissionOnIt() {
        FileHandle closed = f.subdirectory(ALICE, "closed", 0755);
        f.create(ALICE, closed, "inside");
        f.mkdir(ALICE, closed, "subdirectory");
        FileHandle elsewhere = f.file(BOB, "bobs");
        byte[] x = bytes("x");
        expect(FsError.ACCESS, () -> fs.create(BOB, closed, x, 0644, CreateMode.GUARDED, 0));
        expect(FsError.ACCESS, () -> fs.create(BOB, closed, x, 0644, CreateMode.UNCHECKED, 0));
        expect(FsError.ACCESS, () -> fs.mkdir(BOB, closed, x, 0755));
        expect(FsError.ACCESS, () -> fs.symlink(BOB, closed, x, bytes("t"), 0777));
        expect(FsError.ACCESS, () -> fs.mknod(BOB, closed, x, FileType.FIFO, 0644, 0));
        expect(FsError.ACCESS, () -> fs.link(BOB, elsewhere, closed, x));
        expect(FsError.ACCESS, () -> fs.remove(BOB, closed, bytes("inside")));
        expect(FsError.ACCESS, () -> fs.rmdir(BOB, closed, bytes("subdirectory")));
        expect(FsError.ACCESS, () -> fs.rename(BOB, closed, bytes("inside"), closed, x));
        expect(FsError.ACCESS, () -> fs.rename(BOB, closed, bytes("inside"), f.dir, x));
        expect(FsError.ACCESS, () -> fs.rename(BOB, f.dir, bytes("bobs"), closed, x));

        // the owner's own bits count too: alice without write permission is refused like anybody
        fs.setattr(ALICE, closed, AttributeChanges.none().withMode(0555), null);
        expect(FsError.ACCESS, () -> fs.create(ALICE, closed, x, 0644, CreateMode.GUARDED, 0));
        // and root is not
        f.create(ROOT, closed, "roots");
        assertEquals(List.of("inside", "roots", "subdirectory"), f.names(closed).stream().sorted().toList());
    }

    void lookupNeedsSearchPermission() {
        FileHandle unsearchable = f.subdirectory(ALICE, "unsearchable", 0755);
        f.create(ALICE, unsearchable, "inside");
        fs.setattr(ALICE, unsearchable, AttributeChanges.none().withMode(0666), null);
        expect(FsError.ACCESS, () -> fs.lookup(ALICE, unsearchable, bytes("inside")));
        expect(FsError.ACCESS, () -> fs.lookup(BOB, unsearchable, bytes("inside")));
        expect(FsError.ACCESS, () -> fs.lookupIgnoringCase(BOB, unsearchable, "INSIDE"));
        expect(FsError.ACCESS, () -> fs.parent(BOB, unsearchable));
        expect(FsError.ACCESS, () -> fs.create(BOB, unsearchable, bytes("x"), 0644, CreateMode.GUARDED, 0));
        assertEquals(ALICE.uid(), fs.lookup(ROOT, unsearchable, bytes("inside")).uid());
        assertEquals(1, fs.readdir(BOB, unsearchable, 0, 10).items().size(), "reading needs only read permission");
    }

    void readdirNeedsReadPermission() {
        FileHandle unreadable = f.subdirectory(ALICE, "unreadable", 0311);
        f.create(ALICE, unreadable, "inside");
        expect(FsError.ACCESS, () -> fs.readdir(ALICE, unreadable, 0, 10));
        expect(FsError.ACCESS, () -> fs.readdir(BOB, unreadable, 0, 10));
        assertEquals(1, fs.readdir(ROOT, unreadable, 0, 10).items().size());
        assertEquals(ALICE.uid(), fs.lookup(BOB, unreadable, bytes("inside")).uid(), "searching needs no read permission");
    }

    /** In a sticky directory only the file's owner, the directory's owner and root may remove or rename. */
    void stickyDirectoryProtectsOtherUsersFiles() {
        FileHandle sticky = f.subdirectory(CAROL, "sticky", 01777);
        for (String name : List.of("a1", "a2", "a3", "a4")) {
            f.create(ALICE, sticky, name);
        }
        f.create(BOB, sticky, "bobs");
        FileHandle away = f.dir;
        expect(FsError.PERMISSION, () -> fs.remove(BOB, sticky, bytes("a1")));
        expect(FsError.PERMISSION, () -> fs.rename(BOB, sticky, bytes("a1"), sticky, bytes("mine")));
        expect(FsError.PERMISSION, () -> fs.rename(BOB, sticky, bytes("a1"), away, bytes("mine")));
        expect(FsError.PERMISSION, () -> fs.rename(BOB, sticky, bytes("bobs"), sticky, bytes("a1")));
        assertTrue(f.exists(sticky, "bobs"), "a refused replacement leaves both names");

        fs.remove(ALICE, sticky, bytes("a1"));
        fs.remove(CAROL, sticky, bytes("a2"));
        fs.remove(ROOT, sticky, bytes("a3"));
        fs.rename(ALICE, sticky, bytes("a4"), sticky, bytes("a5"));
        fs.rename(BOB, sticky, bytes("bobs"), sticky, bytes("bobs2"));
        assertEquals(List.of("a5", "bobs2"), f.names(sticky).stream().sorted().toList());

        // without the sticky bit, write permission on the directory is enough
        fs.setattr(CAROL, sticky, AttributeChanges.none().withMode(0777), null);
        fs.remove(BOB, sticky, bytes("a5"));
        assertFalse(f.exists(sticky, "a5"));
    }

    void setGroupIdDirectoryHandsDownItsGroup() {
        FileHandle shared = f.subdirectory(ALICE, "shared", 0777);
        fs.setattr(ALICE, shared, AttributeChanges.none().withOwner(null, USERS), null);
        fs.setattr(ALICE, shared, AttributeChanges.none().withMode(02777), null);
        assertEquals(02777, f.attrs(shared).mode());

        Attributes file = f.create(BOB, shared, "file", 0644);
        assertEquals(BOB.uid(), file.uid());
        assertEquals(USERS, file.gid(), "the directory's group, not bob's");
        Attributes sub = f.mkdir(BOB, shared, "sub", 0755);
        assertEquals(USERS, sub.gid());
        assertEquals(02755, sub.mode(), "a new directory carries set-group-ID down");
        assertEquals(USERS, f.create(BOB, sub.handle(), "deeper").gid());
        assertEquals(0755, f.create(BOB, shared, "program", 02755).mode(),
                "bob is not in the group: no executable set-group-ID file of it");
        assertEquals(02755, f.create(CAROL, shared, "carols", 02755).mode(), "carol is");

        Attributes plain = f.create(BOB, f.dir, "plain");
        assertEquals(BOB.gid(), plain.gid(), "elsewhere the caller's primary group");
    }

    void accessAnswersTheCallersBits() {
        FileHandle file = f.file(ALICE, "file");
        fs.setattr(ALICE, file, AttributeChanges.none().withOwner(null, USERS).withMode(0640), null);
        assertEquals(READ | WRITE, fs.access(ALICE, file, RWX), "owner rw-");
        assertEquals(READ, fs.access(CAROL, file, RWX), "group r--");
        assertEquals(0, fs.access(BOB, file, RWX), "other ---");
        assertEquals(READ | WRITE, fs.access(ROOT, file, RWX), "root, but no execute on a non-program");
        assertEquals(READ, fs.access(ALICE, file, READ | EXECUTE), "only what was asked");

        fs.setattr(ALICE, file, AttributeChanges.none().withMode(0754), null);
        assertEquals(RWX, fs.access(ALICE, file, RWX));
        assertEquals(READ | EXECUTE, fs.access(CAROL, file, RWX));
        assertEquals(READ, fs.access(BOB, file, RWX));
        assertEquals(RWX, fs.access(ROOT, file, RWX));

        fs.setattr(ALICE, file, AttributeChanges.none().withMode(0077), null);
        assertEquals(0, fs.access(ALICE, file, RWX), "the owner class applies even when others get more");

        FileHandle dir = f.subdirectory(ALICE, "dir", 0700);
        assertEquals(RWX, fs.access(ROOT, dir, RWX), "root may search any directory");
        assertEquals(0, fs.access(BOB, dir, RWX));
    }

    /** Every change of a read-only share fails with READ_ONLY; reading goes on, and ACCESS never grants WRITE. */
    void readOnlyShareRefusesEveryChange() {
        f.probe.createShare(READ_ONLY_SHARE);
        try {
            FileHandle top = fs.root(READ_ONLY_SHARE);
            FileHandle file = f.create(ROOT, top, "file", 0666).handle();
            FileHandle dir = f.mkdir(ROOT, top, "dir", 0777).handle();
            f.mkdir(ROOT, dir, "empty", 0777);
            f.probe.setReadOnly(READ_ONLY_SHARE, true);

            byte[] x = bytes("x");
            for (var caller : List.of(ROOT, ALICE)) {
                expect(FsError.READ_ONLY, () -> fs.create(caller, top, x, 0644, CreateMode.GUARDED, 0));
                expect(FsError.READ_ONLY, () -> fs.create(caller, top, bytes("file"), 0644, CreateMode.UNCHECKED, 0));
                expect(FsError.READ_ONLY, () -> fs.mkdir(caller, top, x, 0755));
                expect(FsError.READ_ONLY, () -> fs.symlink(caller, top, x, bytes("target"), 0777));
                expect(FsError.READ_ONLY, () -> fs.mknod(caller, top, x, FileType.FIFO, 0644, 0));
                expect(FsError.READ_ONLY, () -> fs.link(caller, file, dir, x));
                expect(FsError.READ_ONLY, () -> fs.remove(caller, top, bytes("file")));
                expect(FsError.READ_ONLY, () -> fs.rmdir(caller, dir, bytes("empty")));
                expect(FsError.READ_ONLY, () -> fs.rename(caller, top, bytes("file"), top, x));
                expect(FsError.READ_ONLY, () -> fs.rename(caller, top, bytes("file"), dir, x));
                expect(FsError.READ_ONLY, () -> fs.setattr(caller, file, AttributeChanges.none().withMode(0600), null));
                expect(FsError.READ_ONLY, () -> fs.setattr(caller, file, AttributeChanges.none().withSize(10), null));
                expect(FsError.READ_ONLY, () -> fs.setattr(caller, file,
                        AttributeChanges.none().withTimes(TimeChange.SERVER, TimeChange.SERVER), null));
                assertEquals(READ, fs.access(caller, file, RWX), "never WRITE on a read-only share");
                assertEquals(READ | EXECUTE, fs.access(caller, dir, RWX));
            }
            expect(FsError.READ_ONLY, () -> fs.setattr(ROOT, file, AttributeChanges.none().withOwner(1, 1), null));
            expect(FsError.READ_ONLY, () -> fs.mknod(ROOT, top, x, FileType.CHAR_DEVICE, 0600, 1));

            assertEquals(List.of("dir", "file"), f.names(top).stream().sorted().toList());
            assertEquals(0666, fs.lookup(ALICE, top, bytes("file")).mode());
            assertEquals(List.of("empty"), f.names(dir));
            assertEquals(1, f.attrs(file).nlink());
            assertTrue(fs.fsstat(top).freeBytes() > 0);
        } finally {
            f.probe.dropShare(READ_ONLY_SHARE);
        }
    }
}
