package io.cistern.core.adapter;

import io.cistern.core.fs.FsError;
import io.cistern.core.locks.ByteRange;
import io.cistern.core.locks.LockManager;
import io.cistern.core.locks.LockOwner;
import io.cistern.core.locks.LockStatus;
import io.cistern.core.locks.RangeLock;
import io.cistern.core.locks.ShareReservation;
import io.cistern.nfs.spi.NlmHolder;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.spi.NlmStatus;

/**
 * Value conversions between the lock manager's types and NLM's, kept apart from NFS's because NLM has its own
 * status codes. The switches have no default branch, so that a new status does not compile until it is mapped.
 */
final class NlmTranslation {
    /** nlm4_share carries no svid: a reservation's owner is the host and its oh, as Linux nlmsvc_share_file has it. */
    static final int SHARE_PROCESS = 0;
    /** fsh4_mode (deny none, read, write, both) and fsh4_access (none, read, write, both) are 0..3. */
    private static final int FSH4_MAX = 3;

    private NlmTranslation() {
    }

    static LockOwner owner(NlmLock lock) {
        return new LockOwner(LockManager.NLM, host(lock.callerName()), lock.owner(), lock.svid());
    }

    static LockOwner owner(NlmShare share) {
        return new LockOwner(LockManager.NLM, host(share.callerName()), share.owner(), SHARE_PROCESS);
    }

    private static String host(String callerName) {
        return callerName == null ? "" : callerName;
    }

    /**
     * The locked bytes. A length reaching past the last byte is clamped to "to the end" (ByteRange.of), where Linux
     * since 5.14 answers FBIG: nothing beyond can be addressed, so the two mean the same, and the lenient answer
     * serves clients that send all-ones for "everything". An offset past the last byte names no byte at all: FBIG.
     */
    static ByteRange range(NlmLock lock) {
        if (lock.offset() < 0) {
            throw new NlmRefusal(NlmStatus.FBIG, "offset " + Long.toUnsignedString(lock.offset())
                    + " is past the largest file offset");
        }
        return ByteRange.of(lock.offset(), lock.length());
    }

    static RangeLock request(NlmLock lock, boolean exclusive) {
        return new RangeLock(owner(lock), range(lock), exclusive);
    }

    /**
     * The conflicting lock as TEST reports it. Its oh is left empty, as Linux does ("don't return OH info"): it is
     * another client's opaque value, of no use to the asker, and Linux clients put their host name in it.
     */
    static NlmHolder holder(RangeLock lock) {
        return new NlmHolder(lock.exclusive(), lock.owner().processId(), new byte[0], lock.range().first(),
                lock.range().length());
    }

    static ShareReservation reservation(NlmShare share) {
        if (share.mode() < 0 || share.mode() > FSH4_MAX || share.access() < 0 || share.access() > FSH4_MAX) {
            throw new NlmRefusal(NlmStatus.FAILED, "fsh4 mode " + share.mode() + " / access " + share.access()
                    + " is not one XNFS defines");
        }
        // fsh4's bits are ShareReservation's: 1 read, 2 write, for what is denied and for what is used
        return new ShareReservation(owner(share), share.access(), share.mode());
    }

    static NlmStatus status(LockStatus status) {
        return switch (status) {
            case GRANTED -> NlmStatus.GRANTED;
            case DENIED -> NlmStatus.DENIED;
            case BLOCKED -> NlmStatus.BLOCKED;
            case DEADLOCK -> NlmStatus.DEADLCK;
            case GRACE_PERIOD -> NlmStatus.DENIED_GRACE_PERIOD;
        };
    }

    /**
     * A refusal of the file itself. A handle that names nothing (stale, forged, gone) is STALE_FH, NLM having no
     * BADHANDLE; no permission is DENIED; an exclusive lock on a read-only share is ROFS, the case XNFS gives for
     * that status (Linux answers it FAILED or DENIED, depending on the version). What cannot be locked at all (a
     * directory) and failures are FAILED; a server short of resources, DENIED_NOLOCKS, which means "try later".
     */
    static NlmStatus status(FsError error) {
        return switch (error) {
            case STALE, BAD_HANDLE, NOT_FOUND -> NlmStatus.STALE_FH;
            case ACCESS, PERMISSION -> NlmStatus.DENIED;
            case READ_ONLY -> NlmStatus.ROFS;
            case TOO_BIG -> NlmStatus.FBIG;
            case TRY_LATER, NO_SPACE -> NlmStatus.DENIED_NOLOCKS;
            case IS_DIRECTORY, NOT_DIRECTORY, INVALID, IO, EXISTS, NOT_EMPTY, NAME_TOO_LONG, CROSS_DEVICE, NOT_SYNC,
                 TOO_MANY_LINKS -> NlmStatus.FAILED;
        };
    }
}
