package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2SmallResponse;
import java.util.function.Function;

/**
 * A LOCK that waits ([MS-SMB2] 3.3.5.14.2 without SMB2_LOCKFLAG_FAIL_IMMEDIATELY), after a first attempt found the
 * range locked: the lock is asked for again after 20 ms, then twice as long each time, at most every
 * {@link #MAX_PAUSE_MILLIS}, until it is granted (final response: success), cancelled, or its open is closed
 * (STATUS_RANGE_NOT_LOCKED, as Windows and Samba answer).
 */
final class PendingLock extends AsyncWait<SmbFileStatus> {
    static final long FIRST_PAUSE_MILLIS = 20;
    static final long MAX_PAUSE_MILLIS = 500;

    private final Function<SmbListener, SmbFileStatus> attempt;
    private final Function<SmbListener, SmbFileStatus> undo;

    private PendingLock(FileRequests files, SmbOpen open, Function<SmbListener, SmbFileStatus> attempt,
                        Function<SmbListener, SmbFileStatus> undo) {
        super(files, open, FIRST_PAUSE_MILLIS, MAX_PAUSE_MILLIS);
        this.attempt = attempt;
        this.undo = undo;
    }

    /**
     * On the event loop: the request goes asynchronous and waits.
     *
     * @param attempt takes the lock on a worker; OK, LOCK_CONFLICT (wait on) or another failure (the answer)
     * @param undo    releases it again, for a lock granted after the request was cancelled or its open closed
     */
    static void start(FileRequests files, FileRequests.Call call, SmbOpen open,
                      Function<SmbListener, SmbFileStatus> attempt, Function<SmbListener, SmbFileStatus> undo) {
        new PendingLock(files, open, attempt, undo).begin(call);
    }

    @Override
    SmbFileStatus look(FileRequests.Call call, SmbListener listener) {
        return attempt.apply(listener);
    }

    @Override
    boolean answered(SmbFileStatus status) {
        if (status == SmbFileStatus.LOCK_CONFLICT) {
            return false;
        }
        if (status == SmbFileStatus.OK) {
            reply(NtStatus.STATUS_SUCCESS, Smb2SmallResponse.LOCK::encode);
        } else {
            end(FileStatusMapping.ntStatus(status));
        }
        return true;
    }

    @Override
    int statusWhenClosed() {
        return NtStatus.STATUS_RANGE_NOT_LOCKED;
    }

    /** A lock granted to a request that no longer wants it goes back at once. */
    @Override
    void discard(SmbFileStatus status) {
        if (status == SmbFileStatus.OK) {
            files().runUnanswered(undo);
        }
    }
}
