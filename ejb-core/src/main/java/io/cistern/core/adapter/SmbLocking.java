package io.cistern.core.adapter;

import io.cistern.core.fs.FileHandle;
import io.cistern.core.locks.ByteRange;
import io.cistern.core.locks.LockFlavor;
import io.cistern.core.locks.LockManager;
import io.cistern.core.locks.LockOwner;
import io.cistern.core.locks.LockStatus;
import io.cistern.core.locks.RangeLock;
import io.cistern.core.metadata.MetadataService;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbLockRange;
import io.cistern.smb.spi.SmbUser;
import java.util.ArrayList;
import java.util.List;

/**
 * SMB byte-range locks in the lock manager NLM uses, so that the two protocols see each other's locks. The owner is
 * ("smb", client address, the open's FileId) with Windows' rules ({@link LockFlavor#WINDOWS}): SMB locks belong to an
 * open, stack, and are released one exact range at a time. During NLM's grace period after a start, when only NLM
 * reclaims are served, an SMB lock is refused as a conflict: the locks about to be reclaimed are not known yet.
 * <p>
 * SMB's reads and writes are checked against every lock (mandatory locking, as Windows does); NFS's are not, as
 * POSIX locks are advisory.
 */
final class SmbLocking {
    static final String SMB = "smb";

    private final MetadataService metadata;
    private final LockManager locks;
    private final SmbCallers callers;

    SmbLocking(MetadataService metadata, LockManager locks, SmbCallers callers) {
        this.metadata = metadata;
        this.locks = locks;
        this.callers = callers;
    }

    SmbFileStatus lock(SmbCaller who, SmbUser user, byte[] handle, byte[] owner, List<SmbLockRange> ranges) {
        SmbTarget file = callers.resolve(who, user, handle);
        if (ranges.stream().anyMatch(SmbLockRange::exclusive)) {
            metadata.checkWrite(file.caller(), file.handle());
        }
        if (ranges.stream().anyMatch(range -> !range.exclusive())) {
            metadata.checkRead(file.caller(), file.handle());
        }
        LockOwner lockOwner = owner(who, owner);
        List<RangeLock> requests = new ArrayList<>(ranges.size());
        for (SmbLockRange range : ranges) {
            RangeLock request = lock(lockOwner, range);
            if (request == null) {
                return SmbFileStatus.INVALID_PARAMETER;
            }
            requests.add(request);
        }
        LockStatus status = locks.tryLockAll(file.handle().inodeId(), requests);
        return status == LockStatus.GRANTED ? SmbFileStatus.OK : SmbFileStatus.LOCK_CONFLICT;
    }

    SmbFileStatus unlock(SmbCaller who, SmbUser user, byte[] handle, byte[] owner, List<SmbLockRange> ranges) {
        SmbTarget file = callers.resolve(who, user, handle);
        LockOwner lockOwner = owner(who, owner);
        for (SmbLockRange range : ranges) {
            RangeLock shape = lock(lockOwner, range);
            if (shape == null || locks.unlockExactly(file.handle().inodeId(), shape) != LockStatus.GRANTED) {
                return SmbFileStatus.RANGE_NOT_LOCKED;
            }
        }
        return SmbFileStatus.OK;
    }

    /** No permission check: releasing what the open holds is always allowed, even after its share went away. */
    void unlockAll(SmbCaller who, byte[] handle, byte[] owner) {
        FileHandle file = callers.decode(handle);
        locks.releaseAll(file.inodeId(), owner(who, owner));
    }

    /**
     * Whether a lock refuses the open's read or write of {@code length} bytes from {@code offset} (a non-negative
     * offset the adapter checked); a transfer of no bytes is never refused (Windows lets a zero-byte read through a
     * locked range).
     */
    boolean refusesAccess(SmbCaller who, byte[] handle, byte[] owner, long offset, long length, boolean write) {
        if (length <= 0 || owner == null) {
            return false;
        }
        FileHandle file = callers.decode(handle);
        ByteRange bytes = new ByteRange(offset, offset + (length - 1));
        return locks.accessConflict(file.inodeId(), owner(who, owner), bytes, write) != null;
    }

    /** The lock a range asks for, or null when it wraps past the last byte (the adapter refuses those first). */
    private static RangeLock lock(LockOwner owner, SmbLockRange range) {
        try {
            return RangeLock.ofLength(owner, range.offset(), range.length(), range.exclusive());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LockOwner owner(SmbCaller who, byte[] owner) {
        String host = who.client() == null || who.client().getAddress() == null ? "unknown"
                : who.client().getAddress().getHostAddress();
        return new LockOwner(SMB, host, owner, 0, LockFlavor.WINDOWS);
    }
}
