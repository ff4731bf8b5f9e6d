package io.cistern.smb.server;

import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbUser;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.Smb2FileId;
import java.util.List;

/**
 * One open of a file or directory, the parts of [MS-SMB2] 3.3.1.10 (Per Open) in use: FileId, the tree connect,
 * the application's handle, the share-relative path, GrantedAccess, the share access it allows others, whether it
 * deletes the file on close, and the directory listing's cursor. Built on a request worker, then owned by its
 * session's {@link OpenTable} on the event loop; the fields a worker reads later (path, position) are volatile.
 */
final class SmbOpen {
    /** No file of the application has this number, so a pipe's open never meets a file's in the share registry. */
    static final long PIPE_FILE_NUMBER = -1;
    private static final int ALL_ACCESS = 0x001F_01FF;
    private static final java.security.SecureRandom KEYS = new java.security.SecureRandom();
    private Smb2FileId fileId;
    private final TreeConnect tree;
    private final SmbCaller caller;
    private final SmbUser user;
    private final byte[] handle;
    private final long fileNumber;
    private final boolean directory;
    private final int grantedAccess;
    private final int shareAccess;
    private final int sharingAccess;
    private volatile List<String> path;
    private volatile boolean deleteOnClose;
    private volatile long position;
    /** Whether the open has taken a byte-range lock, which its close must then release. */
    private volatile boolean locked;
    /**
     * The changes a CHANGE_NOTIFY on this directory is told, from its first on; set on the event loop, read also by
     * the registry when another open deletes the directory.
     */
    private volatile ChangeWatch changeWatch;
    private final DirectoryCursor cursor;
    /** The pipe's server end, for an open of a named pipe on IPC$; null for a file or directory. */
    private NamedPipe pipe;
    /** FSCTL_SRV_REQUEST_RESUME_KEY's key, made at the first request; read and set on the event loop only. */
    private byte[] resumeKey;
    /** Where this open's break notifications go; set before the open is admitted to the registry. */
    private volatile BreakRoute breakRoute;
    /**
     * Open.OplockLevel, Open.OplockState's break and Open.Lease of [MS-SMB2] 3.3.1.10: guarded by the
     * {@link SharedFileRegistry}'s lock, which decides them for every open of a file together.
     */
    private int oplockLevel = io.cistern.smb.wire.OplockLevel.NONE;
    private PendingBreak oplockBreak;
    private Lease lease;

    SmbOpen(TreeConnect tree, SmbCaller caller, SmbUser user, byte[] handle, long fileNumber, boolean directory,
            int grantedAccess, int shareAccess, List<String> path, boolean deleteOnClose) {
        this(tree, caller, user, handle, fileNumber, directory, grantedAccess, grantedAccess, shareAccess, path,
                deleteOnClose);
    }

    /**
     * @param sharingAccess the access the share-access check counts: the granted access, plus FILE_WRITE_DATA for
     *                      an open that truncates ([MS-FSA] 2.1.5.1.2: overwriting is writing, whatever was asked)
     */
    SmbOpen(TreeConnect tree, SmbCaller caller, SmbUser user, byte[] handle, long fileNumber, boolean directory,
            int grantedAccess, int sharingAccess, int shareAccess, List<String> path, boolean deleteOnClose) {
        this.sharingAccess = sharingAccess;
        this.tree = tree;
        this.caller = caller;
        this.user = user;
        this.handle = handle.clone();
        this.fileNumber = fileNumber;
        this.directory = directory;
        this.grantedAccess = grantedAccess;
        this.shareAccess = shareAccess;
        this.path = List.copyOf(path);
        this.deleteOnClose = deleteOnClose;
        this.cursor = directory ? new DirectoryCursor() : null;
    }

    /** An open of a named pipe: no file behind it, every access granted, nothing shared with other opens. */
    static SmbOpen ofPipe(TreeConnect tree, SmbCaller caller, SmbUser user, String name, NamedPipe pipe) {
        SmbOpen open = new SmbOpen(tree, caller, user, new byte[0], PIPE_FILE_NUMBER, false, ALL_ACCESS, 0,
                List.of(name), false);
        open.pipe = pipe;
        return open;
    }

    /**
     * The key that names this open as the source of a server-side copy ([MS-SMB2] 3.3.5.15.8): 24 random bytes,
     * made at the first request and the same after, so that no client can guess another open's key (Samba's is the
     * FileId). It lives and dies with the open. Event loop only.
     */
    byte[] resumeKey() {
        if (resumeKey == null) {
            resumeKey = new byte[io.cistern.smb.wire.SrvRequestResumeKeyResponse.KEY_SIZE];
            KEYS.nextBytes(resumeKey);
        }
        return resumeKey.clone();
    }

    /** Whether {@code key} is this open's resume key, compared in constant time. Event loop only. */
    boolean hasResumeKey(byte[] key) {
        return resumeKey != null && java.security.MessageDigest.isEqual(resumeKey, key);
    }

    BreakRoute breakRoute() {
        return breakRoute;
    }

    void breakRoute(BreakRoute route) {
        breakRoute = route;
    }

    /** Under the registry's lock: the oplock level granted (LEASE when a lease is held). */
    int oplockLevel() {
        return oplockLevel;
    }

    void oplockLevel(int level) {
        oplockLevel = level;
    }

    /** Under the registry's lock: the oplock break waiting for this open's acknowledgment, or null. */
    PendingBreak oplockBreak() {
        return oplockBreak;
    }

    void oplockBreak(PendingBreak pending) {
        oplockBreak = pending;
    }

    /** Under the registry's lock: the lease this open belongs to, or null. */
    Lease lease() {
        return lease;
    }

    void lease(Lease held) {
        lease = held;
    }

    /** The pipe this open reads and writes, or null when it is not a pipe's. */
    NamedPipe pipe() {
        return pipe;
    }

    Smb2FileId fileId() {
        return fileId;
    }

    /** The lock owner of this open's byte-range locks: its FileId, 16 bytes as on the wire. */
    byte[] lockOwner() {
        return java.nio.ByteBuffer.allocate(Smb2FileId.SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(fileId.persistent()).putLong(fileId.volatileId()).array();
    }

    boolean locked() {
        return locked;
    }

    void locked(boolean hasLocks) {
        locked = hasLocks;
    }

    ChangeWatch changeWatch() {
        return changeWatch;
    }

    void changeWatch(ChangeWatch watch) {
        changeWatch = watch;
    }

    void fileId(Smb2FileId id) {
        fileId = id;
    }

    TreeConnect tree() {
        return tree;
    }

    long shareId() {
        return tree.share().shareId();
    }

    SmbCaller caller() {
        return caller;
    }

    SmbUser user() {
        return user;
    }

    byte[] handle() {
        return handle.clone();
    }

    /** SmbFileInfo.fileId: the file across every open of every connection. */
    long fileNumber() {
        return fileNumber;
    }

    boolean directory() {
        return directory;
    }

    int grantedAccess() {
        return grantedAccess;
    }

    boolean granted(int anyOf) {
        return (grantedAccess & anyOf) != 0;
    }

    /** Whether the share-access check counts any of these rights for this open. */
    boolean sharing(int anyOf) {
        return (sharingAccess & anyOf) != 0;
    }

    int shareAccess() {
        return shareAccess;
    }

    List<String> path() {
        return path;
    }

    void path(List<String> renamed) {
        path = List.copyOf(renamed);
    }

    boolean deleteOnClose() {
        return deleteOnClose;
    }

    void deleteOnClose(boolean delete) {
        deleteOnClose = delete;
    }

    long position() {
        return position;
    }

    void position(long offset) {
        position = offset;
    }

    /** The listing state of a directory open; null for a file. */
    DirectoryCursor cursor() {
        return cursor;
    }

    /** Whether the open takes part in share-mode checks: only opens for data or delete access do ([MS-FSA] 2.1.5.1.2.1). */
    boolean usesData() {
        return sharing(AccessMask.FILE_READ_DATA | AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA
                | AccessMask.FILE_EXECUTE | AccessMask.DELETE);
    }

    @Override
    public String toString() {
        return "SmbOpen[" + fileId + ", file " + fileNumber + ", " + String.join("\\", path) + "]";
    }
}
