package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbLockRange;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2LockRequest;
import io.cistern.smb.wire.Smb2SmallResponse;
import io.cistern.smb.wire.WireReader;
import java.util.List;

/**
 * SMB2 LOCK, [MS-SMB2] 3.3.5.14: byte-range locks of an open, in the application's lock manager, which NLM shares,
 * with Windows' rules ([MS-FSA] 2.1.5.7, 2.1.5.8: locks of an open stack, unlocks are exact). Where the specification
 * leaves room, Windows' answers as Samba's smbtorture {@code smb2.lock} records them are followed.
 * <ul>
 * <li>a body that is not a LOCK request (2.2.26), or no elements: STATUS_INVALID_PARAMETER; an unknown FileId:
 *     STATUS_FILE_CLOSED; an open granted neither read nor write data: STATUS_ACCESS_DENIED;</li>
 * <li>the first element decides (3.3.5.14): an unlock makes the request a series of unlocks, a lock a series of
 *     locks; a first element that is neither, a waiting lock (no FAIL_IMMEDIATELY) among several, or an unlock among
 *     locks: STATUS_INVALID_PARAMETER before anything is done;</li>
 * <li>locks: a range whose last byte lies past 2^64 - 1 is STATUS_INVALID_LOCK_RANGE; the locks are taken in order,
 *     all or none, and a conflict is STATUS_LOCK_NOT_GRANTED; a request of one lock without FAIL_IMMEDIATELY waits
 *     for it instead ({@link PendingLock}: STATUS_PENDING at once, the lock or STATUS_CANCELLED later);</li>
 * <li>unlocks are done in order, each releasing the one lock of exactly that range: the first the open does not hold
 *     ends the request with STATUS_RANGE_NOT_LOCKED, and an element that is not an unlock with
 *     STATUS_INVALID_PARAMETER; the unlocks before either stay done.</li>
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
        List<Smb2LockRequest.Element> elements = request.locks();
        if (elements.get(0).isUnlock()) {
            unlockInOrder(call, open, elements);
            return;
        }
        int refusal = lockRefusal(elements);
        if (refusal != NtStatus.STATUS_SUCCESS) {
            files.error(call, refusal);
            return;
        }
        List<SmbLockRange> locks = elements.stream().map(Smb2LockHandler::range).toList();
        files.registry().breakReadCaching(open);   // cached reads may now miss a lock ([MS-SMB2] 3.3.4.7; brl1)
        open.locked(true);
        files.submit(call, listener -> lock(call, open, locks, listener), status -> {
            if (status == SmbFileStatus.LOCK_CONFLICT && elements.get(0).mayWait()) {
                PendingLock.start(files, call, open, listener -> lock(call, open, locks, listener),
                        listener -> unlock(call, open, locks, listener));
            } else if (status != SmbFileStatus.OK) {
                files.error(call, status);
            } else {
                files.reply(call, NtStatus.STATUS_SUCCESS, Smb2SmallResponse.LOCK::encode);
            }
        });
    }

    /**
     * The status refusing a series of locks before any is taken, or STATUS_SUCCESS: each element must be a shared or
     * exclusive lock, with FAIL_IMMEDIATELY when there are several (3.3.5.14.2 says a server SHOULD refuse a waiting
     * lock among several, and Windows does), and its range must not wrap.
     */
    private static int lockRefusal(List<Smb2LockRequest.Element> locks) {
        for (Smb2LockRequest.Element lock : locks) {
            if (!lock.isValidLock() || locks.size() > 1 && lock.mayWait()) {
                return NtStatus.STATUS_INVALID_PARAMETER;
            }
        }
        for (Smb2LockRequest.Element lock : locks) {
            if (lock.overflows()) {
                return NtStatus.STATUS_INVALID_LOCK_RANGE;
            }
        }
        return NtStatus.STATUS_SUCCESS;
    }

    /**
     * A series of unlocks: the elements before the first that is not an unlock are released in order, and that
     * element, if the unlocks before it all held, ends the request with STATUS_INVALID_PARAMETER (Windows processes
     * the unlocks before it; so does Samba).
     */
    private void unlockInOrder(FileRequests.Call call, SmbOpen open, List<Smb2LockRequest.Element> elements) {
        int valid = 0;
        while (valid < elements.size() && elements.get(valid).isUnlock()) {
            valid++;
        }
        boolean invalidAfter = valid < elements.size();
        List<SmbLockRange> ranges = elements.subList(0, valid).stream().map(Smb2LockHandler::range).toList();
        files.submit(call, listener -> unlock(call, open, ranges, listener), status -> {
            if (status != SmbFileStatus.OK) {
                files.error(call, status);
            } else if (invalidAfter) {
                files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
            } else {
                files.reply(call, NtStatus.STATUS_SUCCESS, Smb2SmallResponse.LOCK::encode);
            }
        });
    }

    private static SmbLockRange range(Smb2LockRequest.Element element) {
        return new SmbLockRange(element.offset(), element.length(), element.isExclusive());
    }

    /** On a worker: every lock, or none of them. */
    private SmbFileStatus lock(FileRequests.Call call, SmbOpen open, List<SmbLockRange> locks, SmbListener listener) {
        return files.retrying(() -> listener.lock(call.caller(), call.user(), open.handle(), open.lockOwner(), locks));
    }

    private SmbFileStatus unlock(FileRequests.Call call, SmbOpen open, List<SmbLockRange> ranges,
                                 SmbListener listener) {
        return files.retrying(() -> listener.unlock(call.caller(), call.user(), open.handle(), open.lockOwner(),
                ranges));
    }
}
