package io.cistern.nfs.nsm;

import io.cistern.nfs.nlm.client.NlmLocator;
import io.cistern.nfs.spi.NsmPeer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Telling one client host that this server restarted, in attempts as sm-notify makes them: ask the host's portmapper
 * where its status monitor is, send SM_NOTIFY (stat_chge: this server's name and state number), and wait for the void
 * reply. Each attempt has a slot; a failed one is tried again when its slot is over (a refused connection does not
 * shorten it), each slot twice the last up to {@link RebootNotifier.Schedule#maxSlotMillis}. A host whose portmapper
 * knows no status monitor is asked again only after the longest slot, as sm-notify defers it: its statd is not up
 * yet. No attempt starts after the deadline, and one under way then is not waited for beyond it.
 * <p>
 * Answers, failures and timers arrive on event loops; only the first outcome of an attempt counts.
 */
final class PeerNotification {
    private static final Logger LOG = Logger.getLogger(PeerNotification.class.getName());

    private final RebootNotifier notifier;
    private final NsmPeer peer;
    private final int state;
    /** The encoded stat_chge of each name to send, in order. */
    private final List<byte[]> notices;
    private final long startedNanos = System.nanoTime();
    private final long deadlineNanos;
    /** Guarded by this. */
    private int attempts;
    private int nextNotice;
    private long slotMillis;
    private String lastFailure = "none";

    PeerNotification(RebootNotifier notifier, NsmPeer peer, int state, List<byte[]> notices, long deadlineNanos) {
        this.notifier = notifier;
        this.peer = peer;
        this.state = state;
        this.notices = notices;
        this.deadlineNanos = deadlineNanos;
        this.slotMillis = notifier.schedule().firstSlotMillis();
    }

    void start() {
        notifier.gate().enter(this::attempt);
    }

    private void after(long delayMillis) {
        notifier.schedule(() -> notifier.gate().enter(this::attempt), delayMillis);
    }

    /** Runs inside the gate, and leaves it exactly once, when the attempt's outcome is known. */
    private void attempt() {
        long left = millisLeft();
        if (notifier.isClosed() || left <= 0) {
            notifier.gate().leave();
            if (!notifier.isClosed()) {
                giveUp();
            }
            return;
        }
        long slot;
        byte[] notice;
        synchronized (this) {
            slot = Math.min(slotMillis, left);
            notice = notices.get(nextNotice);
            attempts++;
        }
        long attemptStarted = System.nanoTime();
        CompletableFuture<byte[]> outcome = new CompletableFuture<>();
        Future<?> timer = notifier.schedule(() -> outcome.completeExceptionally(
                new TimeoutException("no answer within " + slot + " ms")), slot);
        notifier.locate(peer.address(), slot)
                .thenCompose(endpoint -> notifier.notify(endpoint, notice, slot))
                .whenComplete((results, failure) -> {
                    if (failure != null) {
                        outcome.completeExceptionally(failure);
                    } else {
                        outcome.complete(results);
                    }
                });
        outcome.whenComplete((results, failure) -> {
            if (timer != null) {
                timer.cancel(false);
            }
            notifier.gate().leave();
            if (failure == null) {
                answered();
            } else {
                failed(unwrap(failure), attemptStarted, slot);
            }
        });
    }

    /** SM_NOTIFY returns void: any successful reply means the host's status monitor took it. */
    private void answered() {
        boolean done;
        synchronized (this) {
            nextNotice++;
            done = nextNotice == notices.size();
            slotMillis = notifier.schedule().firstSlotMillis();
        }
        if (!done) {
            after(0);
            return;
        }
        LOG.info(() -> "NSM: told " + peer + " that this server restarted (state " + state + ")");
        notifier.notified(peer);
    }

    private void failed(Throwable cause, long attemptStarted, long slot) {
        if (notifier.isClosed()) {
            return;
        }
        long wait;
        synchronized (this) {
            lastFailure = describe(cause);
            long spent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attemptStarted);
            wait = cause instanceof NlmLocator.NotRegistered ? notifier.schedule().maxSlotMillis()
                    : Math.max(0, slot - spent);
            slotMillis = Math.min(slotMillis * 2, notifier.schedule().maxSlotMillis());
        }
        if (wait >= millisLeft()) {
            giveUp();
        } else {
            after(wait);
        }
    }

    private void giveUp() {
        int tried;
        String last;
        synchronized (this) {
            tried = attempts;
            last = lastFailure;
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        LOG.warning(() -> String.format(Locale.ROOT, "NSM: could not tell %s that this server restarted (state %d):"
                + " %d attempt(s) in %.1f s, the last: %s. It is told after the next start; until then it does not"
                + " reclaim the locks it held", peer, state, tried, seconds, last));
    }

    private long millisLeft() {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
