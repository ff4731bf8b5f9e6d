package io.cistern.smb.server;

import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbUser;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2CreateRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every open file of one listener, across its connections and sessions, by the application's file id
 * ({@code SmbFileInfo.fileId}): what the share-access check ([MS-FSA] 2.1.5.1.2.1, the check of 3.3.5.9's
 * open) compares a new open against, and the file's delete-pending state ([MS-FSA] 2.1.5.4, 2.1.5.15.3), which is
 * the file's rather than one open's; and the oplocks and leases of those opens ({@link OplockTable}), which are
 * decided for all opens of a file together. Called from request workers and event loops alike, so every method
 * locks; break notifications and the CREATEs a break held back are set going after the lock is left.
 */
final class SharedFileRegistry {
    private static final int READ_ACCESS = AccessMask.FILE_READ_DATA | AccessMask.FILE_EXECUTE;
    private static final int WRITE_ACCESS = AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA;

    /** What the last close of a delete-pending file must delete, as the closing open knew it. */
    record PendingDelete(SmbCaller caller, SmbUser user, long shareId, List<String> path, byte[] handle) {
    }

    private static final class SharedFile {
        final List<SmbOpen> opens = new ArrayList<>();
        boolean deletePending;
    }

    private final Map<Long, SharedFile> files = new HashMap<>();

    /**
     * How long a break waits for its acknowledgment before its holder is left no caching ([MS-SMB2] 3.3.2.1: 35
     * seconds); the system property {@value #BREAK_TIMEOUT_PROPERTY} (milliseconds) shortens it for tests.
     */
    static final String BREAK_TIMEOUT_PROPERTY = "io.cistern.smb.oplockBreakTimeoutMillis";
    static final Duration DEFAULT_BREAK_TIMEOUT = Duration.ofSeconds(35);

    /** What admitting a CREATE's open came to: refused, waiting for breaks, or added with its grant. */
    record Admission(int status, List<PendingBreak> waits, OplockTable.Grant grant) {
        boolean waiting() {
            return !waits.isEmpty();
        }
    }

    private final OplockTable oplocks;

    SharedFileRegistry() {
        this(Duration.ofMillis(Long.getLong(BREAK_TIMEOUT_PROPERTY, DEFAULT_BREAK_TIMEOUT.toMillis())));
    }

    /** @param breakTimeout how long a break waits for its acknowledgment */
    SharedFileRegistry(Duration breakTimeout) {
        this.oplocks = new OplockTable(breakTimeout, this::breakTimedOut);
    }

    /**
     * Adds the open unless the file is delete-pending (STATUS_DELETE_PENDING) or an open of it conflicts in share
     * access (STATUS_SHARING_VIOLATION); STATUS_SUCCESS when added.
     */
    int register(SmbOpen open) {
        return admit(open, OplockRequest.NONE, false).status();
    }

    /**
     * Adds the open as {@link #register} does, after the oplock and lease breaks it causes ({@link OplockTable}):
     * while a break waits for its acknowledgment the open is not added and the admission names the breaks to wait
     * for (the CREATE then asks again once they end), unless the CREATE may not wait ({@link OplockRequest#mayWait}):
     * it is then admitted beside the breaking holders; otherwise it carries the grant. The notifications are sent
     * after the lock is left.
     */
    Admission admit(SmbOpen open, OplockRequest want, boolean overwrite) {
        OplockTable.Breaks breaks;
        Admission admission;
        synchronized (this) {
            SharedFile file = files.computeIfAbsent(open.fileNumber(), id -> new SharedFile());
            int status = file.deletePending ? NtStatus.STATUS_DELETE_PENDING : sharingStatus(file, open);
            breaks = status == NtStatus.STATUS_DELETE_PENDING ? null : oplocks.breaksFor(file.opens, open, want,
                    status == NtStatus.STATUS_SHARING_VIOLATION, overwrite);
            if (breaks != null && breaks.status() != NtStatus.STATUS_SUCCESS) {
                status = breaks.status();
            }
            if (breaks != null && !breaks.waits().isEmpty() && breaks.status() == NtStatus.STATUS_SUCCESS
                    && want.mayWait()) {
                admission = new Admission(NtStatus.STATUS_PENDING, breaks.waits(), OplockTable.Grant.NONE);
            } else if (status == NtStatus.STATUS_SUCCESS) {
                file.opens.add(open);
                admission = new Admission(status, List.of(), oplocks.grant(file.opens, open, want));
            } else {
                admission = new Admission(status, List.of(), OplockTable.Grant.NONE);
            }
            if (file.opens.isEmpty()) {
                files.remove(open.fileNumber());
            }
        }
        if (breaks != null) {
            breaks.notices().forEach(Runnable::run);
        }
        return admission;
    }

    private static int sharingStatus(SharedFile file, SmbOpen open) {
        if (open.usesData()) {
            for (SmbOpen other : file.opens) {
                if (other.usesData() && (conflicts(open, other) || conflicts(other, open))) {
                    return NtStatus.STATUS_SHARING_VIOLATION;
                }
            }
        }
        return NtStatus.STATUS_SUCCESS;
    }

    /** Runs {@code then} once every one of {@code breaks} has ended (at once when they all have). */
    void whenResolved(List<PendingBreak> breaks, Runnable then) {
        AtomicInteger left = new AtomicInteger(breaks.size());
        Runnable one = () -> {
            if (left.decrementAndGet() == 0) {
                then.run();
            }
        };
        List<Runnable> now = new ArrayList<>();
        synchronized (this) {
            breaks.forEach(pending -> now.addAll(pending.whenResolved(one)));
        }
        now.forEach(Runnable::run);
    }

    /** [MS-SMB2] 3.3.5.22.1 on {@code open} ({@link OplockTable#acknowledgeOplock}). */
    OplockTable.Ack acknowledgeOplock(SmbOpen open, int level) {
        OplockTable.Ack ack;
        synchronized (this) {
            ack = oplocks.acknowledgeOplock(open, level);
        }
        ack.released().forEach(Runnable::run);
        return ack;
    }

    /** [MS-SMB2] 3.3.5.22.2 for the client {@code clientGuid} ({@link OplockTable#acknowledgeLease}). */
    OplockTable.Ack acknowledgeLease(UUID clientGuid, byte[] leaseKey, int state) {
        OplockTable.Ack ack;
        synchronized (this) {
            ack = oplocks.acknowledgeLease(clientGuid, leaseKey, state);
        }
        ack.released().forEach(Runnable::run);
        return ack;
    }

    private void breakTimedOut(PendingBreak pending) {
        List<Runnable> released;
        synchronized (this) {
            released = oplocks.timedOut(pending);
        }
        released.forEach(Runnable::run);
    }

    /** A write or truncation through {@code open}: the other opens' read caching is broken. */
    void breakReadCaching(SmbOpen open) {
        List<Runnable> notices;
        synchronized (this) {
            SharedFile file = files.get(open.fileNumber());
            notices = file == null ? List.of() : oplocks.breakReadCaching(file.opens, open);
        }
        notices.forEach(Runnable::run);
    }

    /**
     * A rename or delete through {@code actor}: the handle caching of the file's other opens is broken
     * ({@link OplockTable#breakHandleCaching}); returns the breaks to wait for before the change is made, the
     * notifications sent.
     */
    List<PendingBreak> breakHandleCaching(SmbOpen actor) {
        OplockTable.Breaks breaks;
        synchronized (this) {
            SharedFile file = files.get(actor.fileNumber());
            breaks = file == null ? null : oplocks.breakHandleCaching(file.opens, actor);
        }
        return sent(breaks);
    }

    /**
     * A rename through {@code actor} that replaces the file at {@code path} on the share: that file's opens lose their
     * handle caching before it goes, as the renamed file's do (smbtorture smb2.lease.v2_rename_target_overwrite in
     * Samba 4.22 and later records Windows: the target's RWH breaks to RW). Names compare case-insensitively.
     */
    List<PendingBreak> breakHandleCachingAt(long shareId, List<String> path, SmbOpen actor) {
        OplockTable.Breaks breaks;
        synchronized (this) {
            SharedFile file = findOpenAt(shareId, path, actor.fileNumber());
            breaks = file == null ? null : oplocks.breakHandleCaching(file.opens, actor);
        }
        return sent(breaks);
    }

    /**
     * Whether a file other than {@code fileNumber} is open at {@code path} on the share: a rename may not replace it
     * ([MS-FSCC] 2.4.42: STATUS_ACCESS_DENIED when the target file is open and ReplaceIfExists is set).
     */
    synchronized boolean openAt(long shareId, List<String> path, long fileNumber) {
        return findOpenAt(shareId, path, fileNumber) != null;
    }

    private SharedFile findOpenAt(long shareId, List<String> path, long except) {
        for (SharedFile file : files.values()) {
            SmbOpen first = file.opens.isEmpty() ? null : file.opens.get(0);
            if (first != null && first.fileNumber() != except && first.shareId() == shareId
                    && sameNames(first.path(), path)) {
                return file;
            }
        }
        return null;
    }

    private static List<PendingBreak> sent(OplockTable.Breaks breaks) {
        if (breaks == null) {
            return List.of();
        }
        breaks.notices().forEach(Runnable::run);
        return breaks.waits();
    }

    /** The oplock level {@code open} holds now (LEASE for a lease), for tests and diagnostics. */
    synchronized int oplockLevel(SmbOpen open) {
        return open.oplockLevel();
    }

    synchronized int leaseCount() {
        return oplocks.leaseCount();
    }

    /** Whether {@code wanting}'s access is more than {@code holding}'s share access lets others have. */
    private static boolean conflicts(SmbOpen wanting, SmbOpen holding) {
        int share = holding.shareAccess();
        return wanting.sharing(READ_ACCESS) && (share & Smb2CreateRequest.FILE_SHARE_READ) == 0
                || wanting.sharing(WRITE_ACCESS) && (share & Smb2CreateRequest.FILE_SHARE_WRITE) == 0
                || wanting.sharing(AccessMask.DELETE) && (share & Smb2CreateRequest.FILE_SHARE_DELETE) == 0;
    }

    /** FileDispositionInformation: marks or unmarks the file itself. */
    synchronized void deletePending(long fileNumber, boolean pending) {
        SharedFile file = files.get(fileNumber);
        if (file != null) {
            if (pending && !file.deletePending) {
                endWatches(file);
            }
            file.deletePending = pending;
        }
    }

    synchronized boolean deletePending(long fileNumber) {
        SharedFile file = files.get(fileNumber);
        return file != null && file.deletePending;
    }

    /** A rename through one open moves the name every other open of the file will delete by. */
    synchronized void renamed(long fileNumber, List<String> path) {
        SharedFile file = files.get(fileNumber);
        if (file != null) {
            file.opens.forEach(open -> open.path(path));
        }
    }

    /** Whether some open other than {@code except} of a file under {@code prefix} on the share still exists. */
    synchronized boolean anyOpenUnder(long shareId, List<String> prefix, SmbOpen except) {
        for (SharedFile file : files.values()) {
            for (SmbOpen open : file.opens) {
                if (open != except && under(open, shareId, prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether some open other than {@code except} of a file under {@code prefix} on the share caches no handle (no
     * lease with H, no BATCH oplock): a directory rename is then refused at once, since that open would not be
     * closed by a break (Samba 4.22's smbtorture smb2.lease.rename_dir_openfile records Windows).
     */
    synchronized boolean anyUncachedOpenUnder(long shareId, List<String> prefix, SmbOpen except) {
        for (SharedFile file : files.values()) {
            for (SmbOpen open : file.opens) {
                if (open != except && under(open, shareId, prefix) && !OplockTable.cachesHandle(open)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A rename of the directory {@code prefix} through {@code actor}: the handle caching of every open beneath it is
     * broken, so that clients that keep closed files open may close them; returns the breaks to wait for.
     */
    List<PendingBreak> breakHandleCachingUnder(long shareId, List<String> prefix, SmbOpen actor) {
        List<PendingBreak> waits = new ArrayList<>();
        List<Runnable> notices = new ArrayList<>();
        synchronized (this) {
            for (SharedFile file : files.values()) {
                if (!file.opens.isEmpty() && under(file.opens.get(0), shareId, prefix)) {
                    OplockTable.Breaks breaks = oplocks.breakHandleCaching(file.opens, actor);
                    waits.addAll(breaks.waits());
                    notices.addAll(breaks.notices());
                }
            }
        }
        notices.forEach(Runnable::run);
        return waits;
    }

    private static boolean under(SmbOpen open, long shareId, List<String> prefix) {
        return open.shareId() == shareId && open.path().size() > prefix.size()
                && open.path().subList(0, prefix.size()).equals(prefix);
    }

    /**
     * Whether an open of the directory {@code directory} on the share stands in the way of a rename into it: Windows
     * renames through an open of the target's directory for DELETE that shares reading and writing only, so an open
     * of that directory which has DELETE access, or which does not share DELETE, is a sharing violation (smbtorture's
     * smb2.rename share_delete_and_delete_access, no_share_delete_but_delete_access and
     * no_share_delete_no_delete_access). Names compare as the share's lookups do, case-insensitively.
     */
    synchronized boolean renameIntoBlocked(long shareId, List<String> directory) {
        for (SharedFile file : files.values()) {
            for (SmbOpen open : file.opens) {
                if (open.shareId() == shareId && open.directory() && open.usesData()
                        && (open.sharing(AccessMask.DELETE)
                            || (open.shareAccess() & Smb2CreateRequest.FILE_SHARE_DELETE) == 0)
                        && sameNames(open.path(), directory)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The file went delete-pending: a CHANGE_NOTIFY waiting on the directory ends, since it goes once the last open
     * does ([MS-FSA] 2.1.5.4).
     */
    private static void endWatches(SharedFile file) {
        file.opens.forEach(other -> {
            ChangeWatch watch = other.changeWatch();
            if (watch != null) {
                watch.deletePending();
            }
        });
    }

    /**
     * Takes the open out; a delete-on-close open marks its file delete-pending as it goes ([MS-FSA] 2.1.5.4), and
     * the last open of a delete-pending file returns what to delete; null otherwise. Its oplock or lease goes with
     * it, and a CREATE waiting for its break goes on.
     */
    PendingDelete release(SmbOpen open) {
        List<Runnable> released = new ArrayList<>();
        PendingDelete pending;
        synchronized (this) {
            pending = releaseLocked(open, released);
        }
        released.forEach(Runnable::run);
        return pending;
    }

    private PendingDelete releaseLocked(SmbOpen open, List<Runnable> released) {
        SharedFile file = files.get(open.fileNumber());
        if (file == null || !file.opens.remove(open)) {
            return null;
        }
        released.addAll(oplocks.released(open));
        if (open.deleteOnClose()) {
            file.deletePending = true;
        }
        if (!file.opens.isEmpty()) {
            if (open.deleteOnClose()) {
                endWatches(file);
            }
            return null;
        }
        files.remove(open.fileNumber());
        return file.deletePending ? new PendingDelete(open.caller(), open.user(), open.shareId(), open.path(),
                open.handle()) : null;
    }

    synchronized int size() {
        return files.size();
    }
}
