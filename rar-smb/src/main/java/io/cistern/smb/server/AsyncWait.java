package io.cistern.smb.server;

import io.cistern.smb.spi.SmbListener;
import java.util.concurrent.TimeUnit;

/**
 * An asynchronous request that waits for something the application cannot announce ({@link AsyncRequest}): it asks
 * the application again, more rarely as it goes, until {@link #answered} says the answer is there, a CANCEL ends it
 * (STATUS_CANCELLED, 3.3.5.16), or its open is closed ({@link #statusWhenClosed}). The lock manager is shared with
 * NFS and wakes nobody, so the adapter asks rather than being told. Everything but the looks themselves runs on the
 * connection's event loop.
 *
 * @param <T> what one look at the application gives
 */
abstract class AsyncWait<T> extends AsyncRequest {
    private final SmbOpen open;
    private final long maxPauseMillis;
    private long pauseMillis;

    AsyncWait(FileRequests files, SmbOpen open, long firstPauseMillis, long maxPauseMillis) {
        super(files);
        this.open = open;
        this.pauseMillis = firstPauseMillis;
        this.maxPauseMillis = maxPauseMillis;
    }

    @Override
    final void started() {
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

    private void scheduleNext() {
        long pause = pauseMillis;
        pauseMillis = Math.min(pauseMillis * 2, maxPauseMillis);
        call().channel().eventLoop().schedule(this::lookAgain, pause, TimeUnit.MILLISECONDS);
    }

    private void lookAgain() {
        if (finished()) {
            return;
        }
        FileRequests.Call call = call();
        if (!call.channel().isActive()) {
            finish();
        } else if (!FileRequests.stillOpen(call, open)) {
            end(statusWhenClosed());
        } else {
            files().submit(call, listener -> look(call, listener), this::looked, result -> {
                // the session was logged off while the look ran; FileRequests answered USER_SESSION_DELETED
                discard(result);
                finish();
            });
        }
    }

    private void looked(T result) {
        if (finished() || !FileRequests.stillOpen(call(), open)) {
            discard(result);
            end(statusWhenClosed());
        } else if (!answered(result)) {
            scheduleNext();
        }
    }
}
