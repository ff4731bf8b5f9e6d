package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2LockRequest;
import io.cistern.smb.wire.Smb2SmallResponse;
import io.cistern.smb.wire.WireReader;
import java.util.ArrayList;
import java.util.List;

/**
 * SMB2 LOCK, [MS-SMB2] 3.3.5.14: byte-range locks of an open, in the application's lock manager, which NLM shares.
 * <ul>
 * <li>a body that is not a LOCK request (2.2.26), or no elements: STATUS_INVALID_PARAMETER; an unknown FileId:
 *     STATUS_FILE_CLOSED; an open granted neither read nor write data: STATUS_ACCESS_DENIED;</li>
 * <li>unlocks and locks mixed in one request, or a lock whose flags are not shared or exclusive (optionally with
 *     FAIL_IMMEDIATELY): STATUS_INVALID_PARAMETER (3.3.5.14.1, 3.3.5.14.2); Offset + Length past 2^64:
 *     STATUS_INVALID_LOCK_RANGE;</li>
 * <li>locks are taken in order; when one conflicts, those this request already took are released again and the
 *     answer is STATUS_LOCK_NOT_GRANTED; but a request of one lock without FAIL_IMMEDIATELY waits for it instead
 *     ({@link PendingLock}: STATUS_PENDING at once, the lock or STATUS_CANCELLED later);</li>
 * <li>unlocks release whatever the open holds in each range (the lock manager's POSIX rule, never
 *     STATUS_RANGE_NOT_LOCKED).</li>
 * </ul>
 * The locks go with the open: its CLOSE, or the end of its session or connection, releases them.
 */
final class Smb2LockHandler {
    private final FileRequests files;

    Smb2LockHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        Smb2LockRequest request = files.decode(call, body, Smb2LockRequest::decode);
        SmbOpen open = request == null ? null : files.open(call, request.fileId());
        if (open == null) {
            return;
        }
        if (!open.granted(AccessMask.FILE_READ_DATA | AccessMask.FILE_WRITE_DATA)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
            return;
        }
        int refusal = refusal(request.locks());
        if (refusal != NtStatus.STATUS_SUCCESS) {
            files.error(call, refusal);
            return;
        }
        boolean unlocking = request.locks().get(0).isUnlock();
        if (!unlocking) {
            open.locked(true);
        }
        files.submit(call, listener -> unlocking ? unlock(call, open, request.locks(), listener)
                : lock(call, open, request.locks(), listener), status -> {
                    if (status == SmbFileStatus.LOCK_CONFLICT && waits(request.locks())) {
                                        PendingLock.start(files, call, open, listener -> lock(call, open, request.locks(), listener),
                                listener -> unlock(call, open, request.locks(), listener));
                    } else if (status != SmbFileStatus.OK) {
                        files.error(call, status);
                    } else {
                        files.reply(call, NtStatus.STATUS_SUCCESS, Smb2SmallResponse.LOCK::encode);
                    }
                });
    }

    /**
     * Whether a refused request waits: one lock without FAIL_IMMEDIATELY. Windows waits only for such a request; with
     * several elements each is tried once, and a conflict fails the request.
     */
    private static boolean waits(List<Smb2LockRequest.Element> locks) {
        return locks.size() == 1 && locks.get(0).mayWait();
    }

    /** The status refusing the request's elements as 3.3.5.14.1 and 3.3.5.14.2 say, or STATUS_SUCCESS. */
    private static int refusal(List<Smb2LockRequest.Element> locks) {
        boolean unlocking = locks.get(0).isUnlock();
        for (Smb2LockRequest.Element lock : locks) {
            if (lock.isUnlock() != unlocking || (!unlocking && !lock.isValidLock())) {
                return NtStatus.STATUS_INVALID_PARAMETER;
            }
            if (lock.overflows()) {
                return NtStatus.STATUS_INVALID_LOCK_RANGE;
            }
        }
        return NtStatus.STATUS_SUCCESS;
    }

    /** On a worker: every lock, or none of them. */
    private SmbFileStatus lock(FileRequests.Call call, SmbOpen open, List<Smb2LockRequest.Element> locks,
                               SmbListener listener) {
        byte[] owner = open.lockOwner();
        List<Smb2LockRequest.Element> taken = new ArrayList<>();
        for (Smb2LockRequest.Element lock : locks) {
            SmbFileStatus status = files.retrying(() -> listener.lock(call.caller(), call.user(), open.handle(), owner,
                    lock.offset(), lock.length(), lock.isExclusive()));
            if (status != SmbFileStatus.OK) {
                for (Smb2LockRequest.Element undo : taken) {
                    listener.unlock(call.caller(), call.user(), open.handle(), owner, undo.offset(), undo.length());
                }
                return status;
            }
            taken.add(lock);
        }
        return SmbFileStatus.OK;
    }

    private SmbFileStatus unlock(FileRequests.Call call, SmbOpen open, List<Smb2LockRequest.Element> locks,
                                 SmbListener listener) {
        byte[] owner = open.lockOwner();
        for (Smb2LockRequest.Element lock : locks) {
            SmbFileStatus status = files.retrying(() -> listener.unlock(call.caller(), call.user(), open.handle(),
                    owner, lock.offset(), lock.length()));
            if (status != SmbFileStatus.OK) {
                return status;
            }
        }
        return SmbFileStatus.OK;
    }
}
