package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2SmallResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A LOCK that waits ([MS-SMB2] 3.3.5.14.2 without SMB2_LOCKFLAG_FAIL_IMMEDIATELY): it answers STATUS_PENDING at
 * once (3.3.4.2) and asks the lock manager again, more rarely as it goes, until the lock is granted (final response:
 * success), a CANCEL ends it (STATUS_CANCELLED, 3.3.5.16), or its open is closed, by CLOSE, TREE_DISCONNECT, LOGOFF
 * (STATUS_RANGE_NOT_LOCKED, as Windows and Samba answer) or the end of the connection (nothing to answer).
 *
 * <p>The lock manager is shared with NFS and tells no one when a lock is released, so the adapter asks again rather
 * than being woken: after 20 ms, then twice as long each time, at most every {@link #MAX_PAUSE_MILLIS}. Everything
 * but the attempts themselves runs on the connection's event loop, so that an answer and a CANCEL never cross.
 */
final class PendingLock {
    static final long FIRST_PAUSE_MILLIS = 20;
    static final long MAX_PAUSE_MILLIS = 500;

    private final FileRequests files;
    private final SmbOpen open;
    private final Function<SmbListener, SmbFileStatus> attempt;
    private final Function<SmbListener, SmbFileStatus> undo;
    private FileRequests.Call call;
    private long asyncId;
    private long pauseMillis = FIRST_PAUSE_MILLIS;
    private boolean finished;

    private PendingLock(FileRequests files, SmbOpen open, Function<SmbListener, SmbFileStatus> attempt,
                        Function<SmbListener, SmbFileStatus> undo) {
        this.files = files;
        this.open = open;
        this.attempt = attempt;
        this.undo = undo;
    }

    /**
     * On the event loop, after a first attempt found the range locked: the request goes asynchronous and waits.
     *
     * @param attempt takes the lock on a worker; OK, LOCK_CONFLICT (wait on) or another failure (the answer)
     * @param undo    releases it again, for a lock granted after the request was cancelled or its open closed
     */
    static void start(FileRequests files, FileRequests.Call call, SmbOpen open,
                      Function<SmbListener, SmbFileStatus> attempt, Function<SmbListener, SmbFileStatus> undo) {
        PendingLock pending = new PendingLock(files, open, attempt, undo);
        AsyncRequests waiting = call.state().asyncRequests();
        pending.asyncId = waiting.register(call.session().sessionId(), call.header().messageId(),
                () -> pending.finish(NtStatus.STATUS_CANCELLED));
        files.interim(call, pending.asyncId);
        pending.call = call.goneAsync(pending.asyncId);
        pending.scheduleNext();
    }

    private void scheduleNext() {
        long pause = pauseMillis;
        pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
        call.channel().eventLoop().schedule(this::tryAgain, pause, TimeUnit.MILLISECONDS);
    }

    private void tryAgain() {
        if (finished) {
            return;
        }
        if (!call.channel().isActive()) {
            finished = true;
            call.state().asyncRequests().finished(asyncId);
            return;
        }
        if (!FileRequests.stillOpen(call, open)) {
            finish(NtStatus.STATUS_RANGE_NOT_LOCKED);
            return;
        }
        files.submit(call, attempt, this::attempted, status -> {
            // the session was logged off while the attempt ran; FileRequests answered USER_SESSION_DELETED
            release(status);
            finished = true;
            call.state().asyncRequests().finished(asyncId);
        });
    }

    private void attempted(SmbFileStatus status) {
        if (finished || !FileRequests.stillOpen(call, open)) {
            release(status);
            if (!finished) {
                finish(NtStatus.STATUS_RANGE_NOT_LOCKED);
            }
        } else if (status == SmbFileStatus.LOCK_CONFLICT) {
            scheduleNext();
        } else if (status == SmbFileStatus.OK) {
            finished = true;
            call.state().asyncRequests().finished(asyncId);
            files.reply(call, NtStatus.STATUS_SUCCESS, Smb2SmallResponse.LOCK::encode);
        } else {
            finished = true;
            call.state().asyncRequests().finished(asyncId);
            files.error(call, status);
        }
    }

    /** A lock granted to a request that no longer wants it goes back at once, on a worker. */
    private void release(SmbFileStatus status) {
        if (status == SmbFileStatus.OK) {
            files.runUnanswered(undo);
        }
    }

    private void finish(int ntStatus) {
        if (finished) {
            return;
        }
        finished = true;
        call.state().asyncRequests().finished(asyncId);
        files.error(call, ntStatus);
    }
}
