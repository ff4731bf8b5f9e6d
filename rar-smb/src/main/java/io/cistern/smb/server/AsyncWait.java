package io.cistern.smb.server;

import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.wire.NtStatus;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A request that waits for something the application cannot announce ([MS-SMB2] 3.3.4.2): it answers STATUS_PENDING
 * at once, then asks the application again, more rarely as it goes, until {@link #answered} says the answer is
 * there, a CANCEL ends it (STATUS_CANCELLED, 3.3.5.16), or its open is closed ({@link #statusWhenClosed}). The lock
 * manager and the file system are shared with NFS and wake nobody, so the adapter asks rather than being told.
 * Everything but the looks themselves runs on the connection's event loop, so an answer and a CANCEL never cross.
 *
 * @param <T> what one look at the application gives
 */
abstract class AsyncWait<T> {
    private final FileRequests files;
    private final SmbOpen open;
    private final long maxPauseMillis;
    private long pauseMillis;
    private FileRequests.Call call;
    private long asyncId;
    private boolean finished;

    AsyncWait(FileRequests files, SmbOpen open, long firstPauseMillis, long maxPauseMillis) {
        this.files = files;
        this.open = open;
        this.pauseMillis = firstPauseMillis;
        this.maxPauseMillis = maxPauseMillis;
    }

    /**
     * On the event loop: sends the interim response and starts looking. A request with more of its compound after it
     * fails with STATUS_INTERNAL_ERROR instead, as Windows answers ([MS-SMB2] 3.3.5.2.7, product behavior note;
     * smbtorture smb2.compound.interim2): the rest of the chain is handled after this one, and would wait behind it
     * for as long as nothing changes.
     */
    final void begin(FileRequests.Call syncCall) {
        if (syncCall.header().nextCommand() != 0) {
            files.error(syncCall, NtStatus.STATUS_INTERNAL_ERROR);
            return;
        }
        if (syncCall.state().asyncRequests().cancelledEarly(syncCall.session().sessionId(),
                syncCall.header().messageId())) {
            files.error(syncCall, NtStatus.STATUS_CANCELLED);   // the CANCEL came while it still ran synchronously
            return;
        }
        asyncId = syncCall.state().asyncRequests().register(syncCall.session().sessionId(),
                syncCall.header().messageId(), () -> end(NtStatus.STATUS_CANCELLED));
        files.interim(syncCall, asyncId);
        call = syncCall.goneAsync(asyncId);
        scheduleNext();
    }

    /** One look, on a request worker. */
    abstract T look(FileRequests.Call call, SmbListener listener);

    /** On the event loop: answers the request ({@link #reply} or {@link #end}) and says so, or returns false. */
    abstract boolean answered(T result);

    /** The final status when the open is closed before an answer (CLOSE, TREE_DISCONNECT, LOGOFF). */
    abstract int statusWhenClosed();

    /** What a look that came back after the request ended leaves behind is undone here. */
    void discard(T result) {
    }

    final FileRequests files() {
        return files;
    }

    final void reply(int status, Consumer<ByteBuf> body) {
        finish();
        files.reply(call, status, body);
    }

    final void end(int ntStatus) {
        if (finished) {
            return;
        }
        finish();
        files.error(call, ntStatus);
    }

    private void finish() {
        finished = true;
        call.state().asyncRequests().finished(asyncId);
    }

    private void scheduleNext() {
        long pause = pauseMillis;
        pauseMillis = Math.min(pauseMillis * 2, maxPauseMillis);
        call.channel().eventLoop().schedule(this::lookAgain, pause, TimeUnit.MILLISECONDS);
    }

    private void lookAgain() {
        if (finished) {
            return;
        }
        if (!call.channel().isActive()) {
            finish();
        } else if (!FileRequests.stillOpen(call, open)) {
            end(statusWhenClosed());
        } else {
            files.submit(call, listener -> look(call, listener), this::looked, result -> {
                // the session was logged off while the look ran; FileRequests answered USER_SESSION_DELETED
                discard(result);
                finish();
            });
        }
    }

    private void looked(T result) {
        if (finished || !FileRequests.stillOpen(call, open)) {
            discard(result);
            end(statusWhenClosed());
        } else if (!answered(result)) {
            scheduleNext();
        }
    }
}
