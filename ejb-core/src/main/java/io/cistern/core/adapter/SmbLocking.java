package io.cistern.core.adapter;

import io.cistern.core.fs.FileHandle;
import io.cistern.core.locks.ByteRange;
import io.cistern.core.locks.LockManager;
import io.cistern.core.locks.LockOwner;
import io.cistern.core.locks.LockStatus;
import io.cistern.core.locks.RangeLock;
import io.cistern.core.metadata.MetadataService;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbUser;

/**
 * SMB byte-range locks in the lock manager NLM uses, so that the two protocols see each other's locks. The owner is
 * ("smb", client address, the open's FileId): SMB locks belong to an open. During NLM's grace period after a
 * start, when only NLM reclaims are served, an SMB lock is refused as a conflict: the locks about to be reclaimed
 * are not known yet.
 * <p>
 * Where SMB and POSIX differ, the lock manager's POSIX rules hold: an open's own locks never conflict with each
 * other and may merge, and an unlock releases whatever the open held within the range rather than exactly one
 * earlier lock (so it never answers STATUS_RANGE_NOT_LOCKED).
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

    SmbFileStatus lock(SmbCaller who, SmbUser user, byte[] handle, byte[] owner, long offset, long length,
                       boolean exclusive) {
        SmbTarget file = callers.resolve(who, user, handle);
        if (exclusive) {
            metadata.checkWrite(file.caller(), file.handle());
        } else {
            metadata.checkRead(file.caller(), file.handle());
        }
        if (length == 0) {
            return SmbFileStatus.OK;
        }
        ByteRange range = range(offset, length);
        if (range == null) {
            return SmbFileStatus.INVALID_PARAMETER;
        }
        LockStatus status = locks.tryLock(file.handle().inodeId(), new RangeLock(owner(who, owner), range, exclusive),
                false);
        return status == LockStatus.GRANTED ? SmbFileStatus.OK : SmbFileStatus.LOCK_CONFLICT;
    }

    SmbFileStatus unlock(SmbCaller who, SmbUser user, byte[] handle, byte[] owner, long offset, long length) {
        SmbTarget file = callers.resolve(who, user, handle);
        ByteRange range = length == 0 ? null : range(offset, length);
        if (range != null) {
            locks.unlock(file.handle().inodeId(), owner(who, owner), range);
        }
        return SmbFileStatus.OK;
    }

    /** No permission check: releasing what the open holds is always allowed, even after its share went away. */
    void unlockAll(SmbCaller who, byte[] handle, byte[] owner) {
        FileHandle file = callers.decode(handle);
        locks.unlock(file.inodeId(), owner(who, owner), new ByteRange(0, ByteRange.END));
    }

    /** SMB's offset and length are unsigned; a range past the largest offset has no bytes to lock. */
    private static ByteRange range(long offset, long length) {
        if (offset < 0 || length < 0 || offset > ByteRange.END - (length - 1)) {
            return null;
        }
        return new ByteRange(offset, offset + (length - 1));
    }

    private static LockOwner owner(SmbCaller who, byte[] owner) {
        String host = who.client() == null || who.client().getAddress() == null ? "unknown"
                : who.client().getAddress().getHostAddress();
        return new LockOwner(SMB, host, owner, 0);
    }
}
