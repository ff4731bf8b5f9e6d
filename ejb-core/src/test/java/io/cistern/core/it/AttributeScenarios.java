package io.cistern.core.it;

import static io.cistern.core.fs.PosixRules.S_ISGID;
import static io.cistern.core.fs.PosixRules.S_ISUID;
import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.BOB;
import static io.cistern.core.it.Fixture.CAROL;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.USERS;
import static io.cistern.core.it.Fixture.bytes;
import static io.cistern.core.it.Fixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.TimeChange;
import io.cistern.core.metadata.MetadataService;
import java.util.function.Supplier;

/** SETATTR: mode, owner and group, size, times, the guard, and ctime. */
final class AttributeScenarios {
    private static final long SECOND = 1_000_000_000L;

    private final Fixture f;
    private final MetadataService fs;

    AttributeScenarios(Fixture fixture) {
        this.f = fixture;
        this.fs = fixture.fs;
    }

    void onlyTheOwnerOrRootMayChmod() {
        FileHandle file = f.file(ALICE, "file");
        expect(FsError.PERMISSION, () -> fs.setattr(BOB, file, AttributeChanges.none().withMode(0777), null));
        expect(FsError.PERMISSION, () -> fs.setattr(CAROL, file, AttributeChanges.none().withMode(0777), null));
        assertEquals(0644, f.attrs(file).mode());
        assertEquals(0600, fs.setattr(ALICE, file, AttributeChanges.none().withMode(0600), null).mode());
        assertEquals(04755, fs.setattr(ROOT, file, AttributeChanges.none().withMode(04755), null).mode());
        assertEquals(04755, f.attrs(file).mode());
    }

    void onlyRootMayGiveAFileAway() {
        FileHandle file = f.file(ALICE, "file");
        expect(FsError.PERMISSION, () -> fs.setattr(ALICE, file, AttributeChanges.none().withOwner(BOB.uid(), null), null));
        expect(FsError.PERMISSION, () -> fs.setattr(BOB, file, AttributeChanges.none().withOwner(BOB.uid(), null), null));
        assertEquals(ALICE.uid(), f.attrs(file).uid());
        // chown to oneself is no change and allowed
        assertEquals(ALICE.uid(), fs.setattr(ALICE, file, AttributeChanges.none().withOwner(ALICE.uid(), null), null).uid());
        Attributes given = fs.setattr(ROOT, file, AttributeChanges.none().withOwner(BOB.uid(), BOB.gid()), null);
        assertEquals(BOB.uid(), given.uid());
        assertEquals(BOB.gid(), given.gid());
    }

    void theOwnerMayChangeTheGroupToOneOfItsOwn() {
        FileHandle file = f.file(ALICE, "file");
        Attributes changed = fs.setattr(ALICE, file, AttributeChanges.none().withOwner(null, USERS), null);
        assertEquals(USERS, changed.gid());
        assertEquals(ALICE.uid(), changed.uid());
        expect(FsError.PERMISSION, () -> fs.setattr(ALICE, file, AttributeChanges.none().withOwner(null, BOB.gid()), null));
        expect(FsError.PERMISSION, () -> fs.setattr(CAROL, file, AttributeChanges.none().withOwner(null, CAROL.gid()), null));
        assertEquals(ALICE.gid(), fs.setattr(ALICE, file, AttributeChanges.none().withOwner(null, ALICE.gid()), null).gid());
    }

    void chownClearsSetUserIdAndExecutableSetGroupId() {
        FileHandle program = f.file(ALICE, "program");
        fs.setattr(ALICE, program, AttributeChanges.none().withMode(06755), null);
        assertEquals(06755, f.attrs(program).mode());
        assertEquals(0755, fs.setattr(ROOT, program, AttributeChanges.none().withOwner(BOB.uid(), null), null).mode(),
                "even root's chown clears them");

        FileHandle locked = f.file(ALICE, "locked");
        fs.setattr(ALICE, locked, AttributeChanges.none().withMode(S_ISUID | S_ISGID | 0644), null);
        assertEquals(S_ISGID | 0644, fs.setattr(ALICE, locked, AttributeChanges.none().withOwner(null, USERS), null).mode(),
                "set-group-ID without group-execute is the locking mark and stays");

        FileHandle dir = f.subdirectory(ALICE, "dir", 02755);
        assertEquals(02755, fs.setattr(ALICE, dir, AttributeChanges.none().withOwner(null, USERS), null).mode(),
                "a directory keeps set-group-ID");
    }

    void sizeTruncatesAndExtends() {
        Attributes file = f.create(ALICE, f.dir, "file", 0644);
        Fixture.tick();
        Attributes extended = fs.setattr(ALICE, file.handle(), AttributeChanges.none().withSize(1_000_000), null);
        assertEquals(1_000_000, extended.size());
        assertTrue(extended.mtime() > file.mtime(), "a size change is a change of contents");
        assertEquals(extended.mtime(), extended.ctime());
        assertEquals(file.atime(), extended.atime());
        Fixture.tick();
        Attributes truncated = fs.setattr(ALICE, file.handle(), AttributeChanges.none().withSize(10), null);
        assertEquals(10, truncated.size());
        assertTrue(truncated.mtime() > extended.mtime());
        assertEquals(truncated, f.attrs(file.handle()));

        FileHandle dir = f.subdirectory(ALICE, "dir", 0755);
        expect(FsError.IS_DIRECTORY, () -> fs.setattr(ALICE, dir, AttributeChanges.none().withSize(0), null));
        FileHandle link = fs.symlink(ALICE, f.dir, bytes("link"), bytes("file"), 0777).node().handle();
        expect(FsError.INVALID, () -> fs.setattr(ALICE, link, AttributeChanges.none().withSize(0), null));
        expect(FsError.TOO_BIG, () -> fs.setattr(ALICE, file.handle(), AttributeChanges.none().withSize(-1), null));
    }

    void sizeNeedsWritePermissionExceptForTheOwner() {
        FileHandle file = f.file(ALICE, "file");
        expect(FsError.ACCESS, () -> fs.setattr(BOB, file, AttributeChanges.none().withSize(0), null));
        fs.setattr(ALICE, file, AttributeChanges.none().withMode(0444), null);
        assertEquals(5, fs.setattr(ALICE, file, AttributeChanges.none().withSize(5), null).size(),
                "the owner may truncate a file it cannot write");
        fs.setattr(ALICE, file, AttributeChanges.none().withMode(04766), null);
        Attributes byBob = fs.setattr(BOB, file, AttributeChanges.none().withSize(7), null);
        assertEquals(7, byBob.size());
        assertEquals(0766, byBob.mode(), "a write by a user clears set-user-ID");
    }

    void guardedSetattrNeedsTheCurrentCtime() {
        Attributes file = f.create(ALICE, f.dir, "file");
        expect(FsError.NOT_SYNC, () -> fs.setattr(ALICE, file.handle(), AttributeChanges.none().withMode(0600),
                file.ctime() - 1));
        assertEquals(file, f.attrs(file.handle()), "nothing changed");
        Attributes changed = fs.setattr(ALICE, file.handle(), AttributeChanges.none().withMode(0600), file.ctime());
        assertEquals(0600, changed.mode());
        expect(FsError.NOT_SYNC, () -> fs.setattr(ALICE, file.handle(), AttributeChanges.none().withMode(0640),
                file.ctime()));
    }

    void explicitTimesNeedTheOwnerAndNowTimesAWriter() {
        FileHandle file = f.file(ALICE, "file");
        long atime = 1_000 * SECOND + 123;
        long mtime = 2_000 * SECOND + 456;
        AttributeChanges explicit = AttributeChanges.none().withTimes(TimeChange.client(atime), TimeChange.client(mtime));
        fs.setattr(ALICE, file, AttributeChanges.none().withMode(0666), null);
        expect(FsError.PERMISSION, () -> fs.setattr(BOB, file, explicit, null));
        expect(FsError.PERMISSION, () -> fs.setattr(BOB, file,
                AttributeChanges.none().withTimes(TimeChange.KEEP, TimeChange.client(mtime)), null));

        Attributes set = fs.setattr(ALICE, file, explicit, null);
        assertEquals(atime, set.atime());
        assertEquals(mtime, set.mtime());
        assertTrue(set.ctime() > mtime, "ctime is always the server's clock");

        long before = Fixture.now();
        Attributes touched = fs.setattr(BOB, file,
                AttributeChanges.none().withTimes(TimeChange.SERVER, TimeChange.SERVER), null);
        long after = Fixture.now();
        assertTrue(before <= touched.atime() && touched.atime() <= after);
        assertEquals(touched.atime(), touched.mtime());
        assertEquals(touched.atime(), touched.ctime());

        fs.setattr(ALICE, file, AttributeChanges.none().withMode(0644), null);
        expect(FsError.ACCESS, () -> fs.setattr(BOB, file,
                AttributeChanges.none().withTimes(TimeChange.SERVER, TimeChange.SERVER), null));
        assertEquals(touched.mtime(), fs.setattr(ROOT, file,
                AttributeChanges.none().withTimes(TimeChange.KEEP, TimeChange.client(touched.mtime())), null).mtime());
    }

    /** SMB's FileBasicInformation: creation and change times are set as given, by the owner only. */
    void birthAndChangeTimesAreSetAsGivenByTheOwner() {
        FileHandle file = f.file(ALICE, "file");
        long birth = -50 * SECOND + 100;   // before 1970, at 100 ns precision as SMB gives it
        long ctime = 4_294_967_295L * SECOND + 700;
        AttributeChanges smbTimes = AttributeChanges.none().withTimes(TimeChange.KEEP, TimeChange.client(ctime))
                .withBirthAndChangeTimes(TimeChange.client(birth), TimeChange.client(ctime));
        fs.setattr(ALICE, file, AttributeChanges.none().withMode(0666), null);
        expect(FsError.PERMISSION, () -> fs.setattr(BOB, file, smbTimes, null));

        Attributes set = fs.setattr(ALICE, file, smbTimes, null);
        assertEquals(birth, set.birthTime());
        assertEquals(ctime, set.ctime());
        assertEquals(ctime, set.mtime());
        assertEquals(set, f.attrs(file), "as stored");
        Attributes chmodded = fs.setattr(ALICE, file, AttributeChanges.none().withMode(0644), null);
        assertEquals(birth, chmodded.birthTime(), "a later change keeps the birth time");
        assertTrue(chmodded.ctime() < ctime, "and takes the server's clock for the change time again");
    }

    void ctimeAdvancesWithEveryChange() {
        FileHandle dir = f.subdirectory(ALICE, "dir", 0777);
        FileHandle file = f.create(ALICE, dir, "file").handle();
        Attributes last = f.attrs(file);
        last = advanced(last, () -> fs.setattr(ALICE, file, AttributeChanges.none().withMode(0600), null), "chmod");
        last = advanced(last, () -> fs.setattr(ALICE, file, AttributeChanges.none().withOwner(null, USERS), null), "chgrp");
        last = advanced(last, () -> fs.setattr(ROOT, file, AttributeChanges.none().withOwner(BOB.uid(), null), null), "chown");
        last = advanced(last, () -> fs.setattr(BOB, file, AttributeChanges.none().withSize(3), null), "truncate");
        last = advanced(last, () -> fs.setattr(BOB, file,
                AttributeChanges.none().withTimes(TimeChange.client(SECOND), TimeChange.KEEP), null), "utimes");
        last = advanced(last, () -> fs.link(ALICE, file, dir, bytes("second")).node(), "link");
        last = advanced(last, () -> {
            fs.rename(ALICE, dir, bytes("file"), dir, bytes("renamed"));
            return f.attrs(file);
        }, "rename");
        last = advanced(last, () -> {
            fs.remove(ALICE, dir, bytes("second"));
            return f.attrs(file);
        }, "unlink");
        assertEquals(1, last.nlink());

        // a SETATTR that asks for nothing changes nothing
        Attributes same = fs.setattr(ALICE, file, AttributeChanges.none(), null);
        assertEquals(last, same);
    }

    private static Attributes advanced(Attributes before, Supplier<Attributes> change, String what) {
        Fixture.tick();
        Attributes after = change.get();
        assertTrue(after.ctime() > before.ctime(), what + " advances ctime");
        assertTrue(after.change() > before.change(), what + " counts as a change");
        return after;
    }
}
