package io.cistern.core.fs;

import static io.cistern.core.fs.PosixRules.EXECUTE;
import static io.cistern.core.fs.PosixRules.READ;
import static io.cistern.core.fs.PosixRules.WRITE;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PosixRulesTest {
    static final int OWNER_UID = 1000;
    static final int FILE_GID = 2000;

    static final Caller OWNER = new Caller(OWNER_UID, 100, Set.of());
    static final Caller GROUP_MEMBER = new Caller(1001, FILE_GID, Set.of());
    static final Caller SUPPLEMENTARY_MEMBER = new Caller(1002, 100, Set.of(300, FILE_GID));
    static final Caller OTHER = new Caller(1003, 100, Set.of(300));
    static final Caller ROOT = new Caller(0, 0, Set.of());
    static final Map<String, Caller> CALLERS = Map.of("owner", OWNER, "group", GROUP_MEMBER,
            "supplementary", SUPPLEMENTARY_MEMBER, "other", OTHER, "root", ROOT);

    static PermissionSubject file(int mode) {
        return new PermissionSubject(FileType.REGULAR, mode, OWNER_UID, FILE_GID);
    }

    static PermissionSubject dir(int mode) {
        return new PermissionSubject(FileType.DIRECTORY, mode, OWNER_UID, FILE_GID);
    }

    static PermissionSubject of(String type, int mode) {
        return type.equals("dir") ? dir(mode) : file(mode);
    }

    static FsError errorOf(Executable action) {
        return assertThrows(FsException.class, action).error();
    }

    @Nested
    class Allowed {
        /** expected is "rwx" with '-' for a missing bit. */
        @ParameterizedTest(name = "{0} on {1} {2} -> {3}")
        @CsvSource({
            "owner, file, 0700, rwx", "owner, file, 0400, r--", "owner, file, 0200, -w-", "owner, file, 0100, --x",
            "owner, dir, 0500, r-x", "owner, file, 04755, rwx",
            // only one class applies: the owner is denied although group and others would be allowed
            "owner, file, 0077, ---", "owner, dir, 0077, ---",
            "group, file, 0070, rwx", "group, file, 0040, r--", "group, dir, 0030, -wx",
            // a group member is judged by the group class, not by others
            "group, file, 0707, ---",
            "supplementary, file, 0050, r-x", "supplementary, file, 0020, -w-", "supplementary, file, 0705, ---",
            "other, file, 0007, rwx", "other, file, 0004, r--", "other, file, 0001, --x", "other, file, 0770, ---",
            "other, dir, 0005, r-x",
            // root reads and writes anything, but executes a file only if some x bit is set
            "root, file, 0000, rw-", "root, file, 0644, rw-", "root, file, 0001, rwx", "root, file, 0010, rwx",
            "root, file, 0100, rwx", "root, dir, 0000, rwx", "root, dir, 0600, rwx",
        })
        void decidesByTheOneApplicableClass(String who, String type, String octalMode, String expected) {
            int bits = PosixRules.allowed(CALLERS.get(who), of(type, Integer.parseInt(octalMode, 8)));
            assertEquals(expected, rwx(bits));
        }

        @Test
        void requireAccessPassesWhenEveryWantedBitIsAllowed() {
            assertDoesNotThrow(() -> PosixRules.requireAccess(OWNER, file(0600), READ | WRITE, "open"));
            assertDoesNotThrow(() -> PosixRules.requireAccess(OTHER, file(0000), 0, "look"));
        }

        @Test
        void requireAccessFailsWithAccessNamingTheActionAndTheMissingBits() {
            FsException e = assertThrows(FsException.class,
                    () -> PosixRules.requireAccess(GROUP_MEMBER, file(0640), READ | WRITE, "open for writing"));
            assertEquals(FsError.ACCESS, e.error());
            assertTrue(e.getMessage().contains("open for writing"), e.getMessage());
            assertTrue(e.getMessage().contains("write") && !e.getMessage().contains("read"), e.getMessage());
        }

        @Test
        void requireAccessDeniesRootExecutingAFileThatIsNoProgram() {
            assertEquals(FsError.ACCESS, errorOf(() -> PosixRules.requireAccess(ROOT, file(0644), EXECUTE, "run")));
        }

        @Test
        void requireAccessRejectsBitsThatAreNoAccessBits() {
            assertThrows(IllegalArgumentException.class, () -> PosixRules.requireAccess(ROOT, file(0777), 8, "x"));
        }

        private String rwx(int bits) {
            return ((bits & READ) != 0 ? "r" : "-") + ((bits & WRITE) != 0 ? "w" : "-")
                    + ((bits & EXECUTE) != 0 ? "x" : "-");
        }
    }

    @Nested
    class Delete {
        final Caller alice = new Caller(2001, 100, Set.of());
        final Caller bob = new Caller(2002, 100, Set.of());
        final Caller carol = new Caller(2003, 100, Set.of());
        final PermissionSubject alicesFile = new PermissionSubject(FileType.REGULAR, 0644, 2001, 100);
        final PermissionSubject bobsFile = new PermissionSubject(FileType.REGULAR, 0644, 2002, 100);

        PermissionSubject directory(int mode, int ownerUid) {
            return new PermissionSubject(FileType.DIRECTORY, mode, ownerUid, 100);
        }

        @Test
        void anyoneWithWriteAndSearchMayDeleteInANonStickyDirectory() {
            assertDoesNotThrow(() -> PosixRules.requireMayDelete(bob, directory(0777, 0), alicesFile));
        }

        @Test
        void inAStickyDirectoryOthersGetPermission() {
            assertEquals(FsError.PERMISSION, errorOf(() -> PosixRules.requireMayDelete(bob, directory(01777, 0), alicesFile)));
        }

        @Test
        void inAStickyDirectoryTheFileOwnerTheDirectoryOwnerAndRootMayDelete() {
            PermissionSubject carolsTmp = directory(01777, 2003);
            assertDoesNotThrow(() -> PosixRules.requireMayDelete(alice, carolsTmp, alicesFile));
            assertDoesNotThrow(() -> PosixRules.requireMayDelete(carol, carolsTmp, alicesFile));
            assertDoesNotThrow(() -> PosixRules.requireMayDelete(ROOT, carolsTmp, alicesFile));
            assertEquals(FsError.PERMISSION, errorOf(() -> PosixRules.requireMayDelete(bob, carolsTmp, alicesFile)));
        }

        @Test
        void missingWriteOrSearchIsAccessAndComesBeforeTheStickyCheck() {
            assertEquals(FsError.ACCESS, errorOf(() -> PosixRules.requireMayDelete(bob, directory(0755, 2003), alicesFile)));
            assertEquals(FsError.ACCESS, errorOf(() -> PosixRules.requireMayDelete(bob, directory(0766, 2003), alicesFile)));
            // bob owns the victim, but without write permission on the sticky directory he still gets EACCES
            assertEquals(FsError.ACCESS, errorOf(() -> PosixRules.requireMayDelete(bob, directory(01755, 0), bobsFile)));
        }

        @Test
        void theParentMustBeADirectory() {
            assertThrows(IllegalArgumentException.class, () -> PosixRules.requireMayDelete(ROOT, alicesFile, bobsFile));
        }
    }

    @Nested
    class NewNodes {
        final Caller member = new Caller(1000, 100, Set.of(500));
        final Caller nonMember = new Caller(1001, 100, Set.of(300));
        final PermissionSubject plainParent = new PermissionSubject(FileType.DIRECTORY, 0755, 0, 500);
        final PermissionSubject setgidParent = new PermissionSubject(FileType.DIRECTORY, 02775, 0, 500);

        @Test
        void inAPlainDirectoryTheCallerOwnsItWithItsPrimaryGroupAndTheModeAsAsked() {
            assertEquals(new NewNode(1001, 100, 0640), PosixRules.newNode(nonMember, plainParent, FileType.REGULAR, 0640));
            // no umask, and the caller is in its own group so setgid stays
            assertEquals(new NewNode(1001, 100, 02777), PosixRules.newNode(nonMember, plainParent, FileType.REGULAR, 02777));
        }

        @Test
        void fileTypeBitsInTheRequestedModeAreDropped() {
            assertEquals(0644, PosixRules.newNode(member, plainParent, FileType.REGULAR, 0100644).mode());
        }

        @Test
        void aDirectoryInASetgidDirectoryTakesItsGroupAndInheritsSetgid() {
            assertEquals(new NewNode(1001, 500, 02755), PosixRules.newNode(nonMember, setgidParent, FileType.DIRECTORY, 0755));
            assertEquals(new NewNode(1000, 500, 02700), PosixRules.newNode(member, setgidParent, FileType.DIRECTORY, 0700));
        }

        @Test
        void aFileInASetgidDirectoryTakesItsGroupButNotSetgid() {
            assertEquals(new NewNode(1000, 500, 0644), PosixRules.newNode(member, setgidParent, FileType.REGULAR, 0644));
        }

        @Test
        void aMemberKeepsAnExecutableSetgidFile() {
            assertEquals(02755, PosixRules.newNode(member, setgidParent, FileType.REGULAR, 02755).mode());
        }

        @Test
        void aNonMemberLosesSetgidOnAnExecutableFileOfThatGroup() {
            assertEquals(new NewNode(1001, 500, 0755), PosixRules.newNode(nonMember, setgidParent, FileType.REGULAR, 02755));
        }

        @Test
        void setgidWithoutGroupExecuteIsKeptAsLinuxDoes() {
            assertEquals(02745, PosixRules.newNode(nonMember, setgidParent, FileType.REGULAR, 02745).mode());
        }

        @Test
        void rootKeepsSetgidInAnyGroup() {
            assertEquals(new NewNode(0, 500, 02755), PosixRules.newNode(ROOT, setgidParent, FileType.REGULAR, 02755));
        }

        @Test
        void aSymlinkIsAlways0777() {
            assertEquals(new NewNode(1000, 500, 0777), PosixRules.newNode(member, setgidParent, FileType.SYMLINK, 0600));
        }
    }

    @Nested
    class Chmod {
        @Test
        void onlyTheOwnerOrRootMayChmod() {
            assertEquals(FsError.PERMISSION, errorOf(() -> PosixRules.chmod(GROUP_MEMBER, file(0777), 0700)));
            assertEquals(FsError.PERMISSION, errorOf(() -> PosixRules.chmod(OTHER, file(0777), 0700)));
            assertEquals(0700, PosixRules.chmod(new Caller(OWNER_UID, FILE_GID, Set.of()), file(0644), 0700));
            assertEquals(06755, PosixRules.chmod(ROOT, file(0644), 06755));
        }

        @Test
        void fileTypeBitsAreDropped() {
            assertEquals(0600, PosixRules.chmod(ROOT, file(0644), 0100600));
        }

        @Test
        void anOwnerOutsideTheFilesGroupCannotSetSetgid() {
            // OWNER's groups do not include FILE_GID
            assertEquals(04755, PosixRules.chmod(OWNER, file(0644), 06755));
        }

        @Test
        void anOwnerOutsideTheDirectorysGroupCannotSetSetgidEither() {
            assertEquals(0775, PosixRules.chmod(OWNER, dir(0755), 02775));
        }

        @Test
        void anOwnerInTheGroupOrRootKeepsSetgid() {
            Caller ownerInGroup = new Caller(OWNER_UID, 100, Set.of(FILE_GID));
            assertEquals(02755, PosixRules.chmod(ownerInGroup, file(0644), 02755));
            assertEquals(02775, PosixRules.chmod(ownerInGroup, dir(0755), 02775));
            assertEquals(02755, PosixRules.chmod(ROOT, file(0644), 02755));
        }

        @Test
        void aSymlinksModeStays0777() {
            PermissionSubject link = new PermissionSubject(FileType.SYMLINK, 0777, OWNER_UID, FILE_GID);
            assertEquals(0777, PosixRules.chmod(OWNER, link, 0600));
        }
    }

    @Nested
    class Chown {
        final Caller owner = new Caller(OWNER_UID, 100, Set.of(300));

        @Test
        void rootMaySetAnyOwnerAndGroup() {
            assertEquals(new Ownership(7, 8, 0644), PosixRules.chown(ROOT, file(0644), 7, 8));
        }

        @Test
        void aChangeOfOwnerClearsSetuidAndExecutableSetgidOfAFileEvenForRoot() {
            assertEquals(0755, PosixRules.chown(ROOT, file(04755), 7, null).mode());
            assertEquals(0755, PosixRules.chown(ROOT, file(02755), 7, null).mode());
            assertEquals(0755, PosixRules.chown(ROOT, file(06755), null, 8).mode());
        }

        @Test
        void setgidWithoutGroupExecuteSurvivesAChown() {
            assertEquals(02745, PosixRules.chown(ROOT, file(06745), 7, null).mode());
        }

        @Test
        void aDirectoryKeepsItsBits() {
            assertEquals(new Ownership(7, 8, 07755), PosixRules.chown(ROOT, dir(07755), 7, 8));
        }

        @Test
        void aChownThatChangesNothingChangesNoBits() {
            assertEquals(new Ownership(OWNER_UID, FILE_GID, 06755), PosixRules.chown(ROOT, file(06755), OWNER_UID, FILE_GID));
            assertEquals(new Ownership(OWNER_UID, FILE_GID, 06755), PosixRules.chown(owner, file(06755), OWNER_UID, null));
            assertEquals(new Ownership(OWNER_UID, FILE_GID, 06755), PosixRules.chown(OTHER, file(06755), null, null));
        }

        @Test
        void theOwnerMayRestateTheGroupTheFileHasWithoutBeingInIt() {
            assertEquals(new Ownership(OWNER_UID, FILE_GID, 06755), PosixRules.chown(owner, file(06755), null, FILE_GID));
        }

        @Test
        void theOwnerMayChangeTheGroupToOneItIsIn() {
            assertEquals(new Ownership(OWNER_UID, 300, 0755), PosixRules.chown(owner, file(04755), null, 300));
            assertEquals(new Ownership(OWNER_UID, 100, 0644), PosixRules.chown(owner, file(0644), OWNER_UID, 100));
        }

        @Test
        void theOwnerMayNotChangeTheGroupToOneItIsNotIn() {
            assertEquals(FsError.PERMISSION, errorOf(() -> PosixRules.chown(owner, file(0644), null, 999)));
        }

        @Test
        void theOwnerMayNotGiveTheFileAway() {
            assertEquals(FsError.PERMISSION, errorOf(() -> PosixRules.chown(owner, file(0644), 1003, null)));
        }

        @Test
        void othersMayNotChangeOwnerOrGroupEvenToTheirOwn() {
            assertEquals(FsError.PERMISSION, errorOf(() -> PosixRules.chown(OTHER, file(0644), 1003, null)));
            assertEquals(FsError.PERMISSION, errorOf(() -> PosixRules.chown(OTHER, file(0644), null, 100)));
            assertEquals(FsError.PERMISSION, errorOf(() -> PosixRules.chown(GROUP_MEMBER, file(0664), null, FILE_GID)));
        }
    }

    @Nested
    class Write {
        @Test
        void aWriteByAnotherUserClearsSetuidAndExecutableSetgid() {
            assertEquals(0755, PosixRules.modeAfterWrite(OTHER, file(06755)));
            assertEquals(0757, PosixRules.modeAfterWrite(OTHER, file(04757)));
        }

        @Test
        void aWriteByTheOwnerClearsThemTooAsOnLinux() {
            assertEquals(0755, PosixRules.modeAfterWrite(OWNER, file(06755)));
        }

        @Test
        void setgidWithoutGroupExecuteSurvivesAWrite() {
            assertEquals(02745, PosixRules.modeAfterWrite(OTHER, file(06745)));
        }

        @Test
        void rootAndNonRegularFilesKeepTheirBits() {
            assertEquals(06755, PosixRules.modeAfterWrite(ROOT, file(06755)));
            assertEquals(03777, PosixRules.modeAfterWrite(OTHER, dir(03777)));
        }

        @Test
        void aPlainFileIsUnchanged() {
            assertEquals(0666, PosixRules.modeAfterWrite(OTHER, file(0666)));
        }
    }

    @Nested
    class Times {
        @Test
        void explicitTimesNeedOwnerOrRoot() {
            assertDoesNotThrow(() -> PosixRules.requireMaySetTimes(OWNER, file(0444), true));
            assertDoesNotThrow(() -> PosixRules.requireMaySetTimes(ROOT, file(0000), true));
            assertEquals(FsError.PERMISSION, errorOf(() -> PosixRules.requireMaySetTimes(OTHER, file(0666), true)));
        }

        @Test
        void settingTimesToNowNeedsOwnerRootOrWriteAccess() {
            assertDoesNotThrow(() -> PosixRules.requireMaySetTimes(OWNER, file(0000), false));
            assertDoesNotThrow(() -> PosixRules.requireMaySetTimes(ROOT, file(0000), false));
            assertDoesNotThrow(() -> PosixRules.requireMaySetTimes(OTHER, file(0666), false));
            assertEquals(FsError.ACCESS, errorOf(() -> PosixRules.requireMaySetTimes(OTHER, file(0644), false)));
        }
    }

    @Nested
    class Names {
        @ParameterizedTest
        @ValueSource(strings = {"a", "...", ".hidden", "..x", "with space", "ünïcødé", "日本語"})
        void ordinaryNamesAreValid(String name) {
            assertDoesNotThrow(() -> PosixRules.requireValidName(utf8(name)));
        }

        @Test
        void upTo255BytesIsValid() {
            assertDoesNotThrow(() -> PosixRules.requireValidName(utf8("a".repeat(255))));
            assertDoesNotThrow(() -> PosixRules.requireValidName(utf8("é".repeat(127) + "a")));
        }

        @Test
        void moreThan255BytesIsTooLongEvenIfFewerCharacters() {
            assertEquals(FsError.NAME_TOO_LONG, errorOf(() -> PosixRules.requireValidName(utf8("a".repeat(256)))));
            // 128 characters, 256 bytes
            assertEquals(FsError.NAME_TOO_LONG, errorOf(() -> PosixRules.requireValidName(utf8("é".repeat(128)))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", ".", "..", "a/b", "/", "a\0b", "\0"})
        void emptySlashNulDotAndDotDotAreInvalid(String name) {
            assertEquals(FsError.INVALID, errorOf(() -> PosixRules.requireValidName(utf8(name))));
        }

        private byte[] utf8(String name) {
            return name.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSubjectRejectsFileTypeBitsInItsMode() {
        assertThrows(IllegalArgumentException.class, () -> new PermissionSubject(FileType.REGULAR, 0100644, 0, 0));
    }
}
