package io.cistern.core.fs;

import java.util.Objects;

/**
 * Every POSIX permission decision of the file system, in one place, so that NFS and SMB decide alike.
 *
 * <p>Where POSIX leaves a choice the rules follow Linux, because that is what NFS clients and their test suites
 * expect of a server; each method names the kernel function it follows. The caller is the identity after the
 * share's squash rules. Uid 0 is root and holds what Linux grants with CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_FSETID
 * and CAP_CHOWN.
 */
public final class PosixRules {
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;
    /** Access bits: one rwx class of a mode, and what access(2) and NFS ACCESS ask for. */
    public static final int READ = 4;
    public static final int WRITE = 2;
    public static final int EXECUTE = 1;

    static final int PERMISSION_BITS = 07777;
    static final int S_IXGRP = 0010;
    static final int MAX_NAME_BYTES = 255;
    private static final int ANY_EXECUTE = 0111;
    private static final int ALL_ACCESS = READ | WRITE | EXECUTE;
    /** Linux creates every symlink as 0777 (vfs_symlink) and ignores mode changes on one (nfsd_setattr). */
    private static final int SYMLINK_MODE = 0777;

    private PosixRules() {
    }

    /** The subset of READ | WRITE | EXECUTE the caller has on the subject; this is also the NFS ACCESS answer. */
    public static int allowed(Caller caller, PermissionSubject subject) {
        if (caller.isRoot()) {
            return rootAccess(subject);
        }
        return (subject.mode() >> classShift(caller, subject)) & ALL_ACCESS;
    }

    /** Throws ACCESS unless the caller has all {@code wanted} access bits; {@code what} names the action. */
    public static void requireAccess(Caller caller, PermissionSubject subject, int wanted, String what) {
        if ((wanted & ~ALL_ACCESS) != 0) {
            throw new IllegalArgumentException("wanted access " + wanted + " is not a combination of READ, WRITE, EXECUTE");
        }
        int missing = wanted & ~allowed(caller, subject);
        if (missing != 0) {
            throw new FsException(FsError.ACCESS, what + ": " + describe(missing) + " permission denied");
        }
    }

    /**
     * Whether the caller may remove (or rename away, or replace) the entry for {@code victim} in {@code directory}.
     * Follows Linux may_delete: write and search permission on the directory first (EACCES), then the sticky-bit
     * rule of check_sticky (EPERM).
     */
    public static void requireMayDelete(Caller caller, PermissionSubject directory, PermissionSubject victim) {
        if (!directory.isDirectory()) {
            throw new IllegalArgumentException("the parent of a name must be a directory, not " + directory.type());
        }
        requireAccess(caller, directory, WRITE | EXECUTE, "remove a name from this directory");
        boolean sticky = (directory.mode() & S_ISVTX) != 0;
        boolean ownsOne = caller.uid() == directory.uid() || caller.uid() == victim.uid();
        if (sticky && !ownsOne && !caller.isRoot()) {
            throw new FsException(FsError.PERMISSION,
                    "the directory is sticky: only the owner of the file or of the directory may remove it");
        }
    }

    /**
     * Owner, group and mode of a new inode in {@code parent}. No umask is applied: NFS and SMB clients apply
     * their own before they ask. Follows Linux inode_init_owner and mode_strip_sgid:
     * <ul>
     * <li>in a set-group-ID directory the new inode takes the directory's group (BSD semantics), and a new
     * directory inherits set-group-ID so the rule carries down the tree;</li>
     * <li>otherwise the group is the caller's primary group;</li>
     * <li>a non-directory that would take a group the caller is not in loses set-group-ID, unless the caller is
     * root or the file has no group-execute bit (Linux keeps setgid without group-execute: it does not elevate
     * on exec, it is the old mandatory-locking mark).</li>
     * </ul>
     */
    public static NewNode newNode(Caller caller, PermissionSubject parent, FileType type, int requestedMode) {
        Objects.requireNonNull(type, "type");
        int mode = type == FileType.SYMLINK ? SYMLINK_MODE : requestedMode & PERMISSION_BITS;
        if ((parent.mode() & S_ISGID) == 0) {
            return new NewNode(caller.uid(), caller.gid(), mode);
        }
        int gid = parent.gid();
        if (type == FileType.DIRECTORY) {
            mode |= S_ISGID;
        } else if (isExecutableSetgid(mode) && !mayHoldGroup(caller, gid)) {
            mode &= ~S_ISGID;
        }
        return new NewNode(caller.uid(), gid, mode);
    }

    /**
     * The mode to store after a chmod to {@code newMode}. Only the owner or root may chmod (EPERM). Following
     * Linux setattr_copy, set-group-ID is silently dropped when the caller is neither root nor in the file's
     * group; Linux does this for directories too (POSIX requires it only for regular files), so that nobody
     * can make a directory hand its group to new files unless they belong to that group. A symlink keeps 0777.
     */
    public static int chmod(Caller caller, PermissionSubject subject, int newMode) {
        requireOwnerOrRoot(caller, subject, "change the mode");
        if (subject.type() == FileType.SYMLINK) {
            return subject.mode();
        }
        int mode = newMode & PERMISSION_BITS;
        return mayHoldGroup(caller, subject.gid()) ? mode : mode & ~S_ISGID;
    }

    /**
     * Owner, group and mode after a chown; null leaves the owner or the group as it is. Follows Linux chown_ok
     * and chgrp_ok: root may set anything; the owner may set the owner only to itself and the group only to one
     * it is in (or to the group the file has); nobody else may set either (EPERM). Following chown_common, a
     * change of owner or group of a non-directory clears set-user-ID, and set-group-ID when group-execute is
     * set, for root too. A chown that changes nothing changes no bits.
     */
    public static Ownership chown(Caller caller, PermissionSubject subject, Integer newUid, Integer newGid) {
        if (!caller.isRoot()) {
            requireOwnerMayChown(caller, subject, newUid, newGid);
        }
        int uid = newUid == null ? subject.uid() : newUid;
        int gid = newGid == null ? subject.gid() : newGid;
        boolean changed = uid != subject.uid() || gid != subject.gid();
        int mode = changed && !subject.isDirectory() ? withoutSetIds(subject.mode()) : subject.mode();
        return new Ownership(uid, gid, mode);
    }

    /**
     * The mode to store after a write to (or truncation of) the subject. Follows Linux file_remove_privs and
     * should_remove_suid: a regular file written by anyone but root loses set-user-ID, and set-group-ID when
     * group-execute is set. Linux does this for the owner too, so that an edited program is never still
     * privileged; the owner can set the bit again.
     */
    public static int modeAfterWrite(Caller caller, PermissionSubject subject) {
        if (caller.isRoot() || subject.type() != FileType.REGULAR) {
            return subject.mode();
        }
        return withoutSetIds(subject.mode());
    }

    /**
     * Whether the caller may set the access and modification times. Follows Linux utimes and setattr_prepare:
     * times the client chooses need the owner or root (EPERM); setting them to the server's clock, as touch
     * does, is also allowed to anyone with write permission (EACCES otherwise).
     */
    public static void requireMaySetTimes(Caller caller, PermissionSubject subject, boolean explicitTimes) {
        if (isOwnerOrRoot(caller, subject)) {
            return;
        }
        if (explicitTimes) {
            throw new FsException(FsError.PERMISSION, "only the owner or root may set a file's times to a given value");
        }
        requireAccess(caller, subject, WRITE, "set the times to now");
    }

    /**
     * A name for a directory entry: 1 to 255 bytes (Linux NAME_MAX counts bytes, not characters), without '/'
     * or NUL, and neither "." nor "..", which the protocols resolve before they reach the file system.
     */
    public static void requireValidName(byte[] name) {
        Objects.requireNonNull(name, "name");
        FsException problem = nameProblem(name);
        if (problem != null) {
            throw problem;
        }
    }

    /** Whether {@link #requireValidName} accepts the name; for callers that answer a refusal elsewhere. */
    public static boolean isValidName(byte[] name) {
        return name != null && nameProblem(name) == null;
    }

    /** What is wrong with the name, or null: one set of rules for the check that throws and the one that asks. */
    private static FsException nameProblem(byte[] name) {
        if (name.length == 0) {
            return new FsException(FsError.INVALID, "a name cannot be empty");
        }
        if (name.length > MAX_NAME_BYTES) {
            return new FsException(FsError.NAME_TOO_LONG,
                    "a name is at most " + MAX_NAME_BYTES + " bytes; this one is " + name.length);
        }
        for (byte b : name) {
            if (b == '/' || b == 0) {
                return new FsException(FsError.INVALID, "a name cannot contain '/' or NUL");
            }
        }
        if (isDotOrDotDot(name)) {
            return new FsException(FsError.INVALID, "'.' and '..' cannot be created, removed or renamed");
        }
        return null;
    }

    /** POSIX: exactly one class applies, the first that matches, even if a later one would grant more. */
    private static int classShift(Caller caller, PermissionSubject subject) {
        if (caller.uid() == subject.uid()) {
            return 6;
        }
        if (caller.inGroup(subject.gid())) {
            return 3;
        }
        return 0;
    }

    /**
     * Linux generic_permission with CAP_DAC_OVERRIDE: root may read, write and search anything, but may execute
     * a file only if someone may, so that root never runs a file that is not a program.
     */
    private static int rootAccess(PermissionSubject subject) {
        boolean mayExecute = subject.isDirectory() || (subject.mode() & ANY_EXECUTE) != 0;
        return READ | WRITE | (mayExecute ? EXECUTE : 0);
    }

    private static void requireOwnerMayChown(Caller caller, PermissionSubject subject, Integer newUid, Integer newGid) {
        if (newUid == null && newGid == null) {
            return;
        }
        if (caller.uid() != subject.uid()) {
            throw new FsException(FsError.PERMISSION, "only the owner or root may change a file's owner or group");
        }
        if (newUid != null && newUid != caller.uid()) {
            throw new FsException(FsError.PERMISSION, "only root may give a file to another user");
        }
        if (newGid != null && newGid != subject.gid() && !caller.inGroup(newGid)) {
            throw new FsException(FsError.PERMISSION, "the owner may only change the group to one it belongs to");
        }
    }

    private static void requireOwnerOrRoot(Caller caller, PermissionSubject subject, String what) {
        if (!isOwnerOrRoot(caller, subject)) {
            throw new FsException(FsError.PERMISSION, "only the owner or root may " + what);
        }
    }

    private static boolean isOwnerOrRoot(Caller caller, PermissionSubject subject) {
        return caller.isRoot() || caller.uid() == subject.uid();
    }

    /** Whether the caller may own files with this group's set-group-ID: a member, or root (CAP_FSETID). */
    private static boolean mayHoldGroup(Caller caller, int gid) {
        return caller.isRoot() || caller.inGroup(gid);
    }

    /** Set-group-ID with group-execute: the combination that changes the group of whoever runs the file. */
    private static boolean isExecutableSetgid(int mode) {
        return (mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP);
    }

    /** Linux should_remove_suid: set-user-ID always goes; set-group-ID only where it is executable. */
    private static int withoutSetIds(int mode) {
        int cleared = mode & ~S_ISUID;
        return isExecutableSetgid(mode) ? cleared & ~S_ISGID : cleared;
    }

    private static boolean isDotOrDotDot(byte[] name) {
        return (name.length == 1 && name[0] == '.') || (name.length == 2 && name[0] == '.' && name[1] == '.');
    }

    private static String describe(int accessBits) {
        StringBuilder text = new StringBuilder();
        appendIfSet(text, accessBits, READ, "read");
        appendIfSet(text, accessBits, WRITE, "write");
        appendIfSet(text, accessBits, EXECUTE, "execute");
        return text.toString();
    }

    private static void appendIfSet(StringBuilder text, int accessBits, int bit, String word) {
        if ((accessBits & bit) != 0) {
            text.append(text.length() == 0 ? "" : " and ").append(word);
        }
    }
}
