package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.client.XdrBytes;
import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.nlm.wire.Nlm4TestArgs;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmStatus;
import java.net.InetAddress;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Telling one client that its blocked lock is granted, in up to {@link NlmCallbacks#GRANT_ATTEMPTS} attempts, each
 * with a slot of its own: find the client's lock manager, send GRANTED (or GRANTED_MSG and wait for GRANTED_RES).
 * Attempts start a slot apart even when one fails at once (a refused connection), so that a client restarting its
 * lock manager gets the whole timeout to come back, not three failures within a millisecond.
 * <p>
 * The outcome: GRANTED and the client holds the lock; any other answer but DENIED_GRACE_PERIOD (which only means
 * "not yet", as XNFS has it) and the client refused it; no answer in time and nobody holds it. In the last two cases
 * the lock is released again. Answers, failures and timers arrive on any thread; {@link #settle} decides under this
 * object's lock, and only the first outcome of an attempt counts.
 */
final class GrantDelivery {
    private final NlmCallbacks callbacks;
    private final NfsCaller caller;
    private final Nlm4TestArgs grant;
    private final boolean viaMessages;
    private final long slotMillis;
    private final byte[] encoded;
    /** Guarded by this. */
    private int attempt;
    private boolean attemptSettled;
    private boolean finished;
    private long attemptStartedNanos;

    GrantDelivery(NlmCallbacks callbacks, NfsCaller caller, byte[] cookie, NlmLock lock, boolean exclusive,
                  boolean viaMessages, long slotMillis) {
        this.callbacks = callbacks;
        this.caller = caller;
        this.grant = new Nlm4TestArgs(cookie, exclusive, lock);
        this.viaMessages = viaMessages;
        this.slotMillis = slotMillis;
        this.encoded = XdrBytes.encode(grant::encode);
    }

    boolean isFor(InetAddress host) {
        return caller.client().getAddress() != null && caller.client().getAddress().equals(host);
    }

    void nextAttempt() {
        int number;
        synchronized (this) {
            if (finished || callbacks.isClosed()) {
                finished = true;
                return;
            }
            number = ++attempt;
            attemptSettled = false;
            attemptStartedNanos = System.nanoTime();
        }
        callbacks.schedule(() -> settle(number, null, new TimeoutException("no answer within " + slotMillis + " ms")),
                slotMillis);
        int procedure = viaMessages ? NlmProgram.PROC_GRANTED_MSG : NlmProgram.PROC_GRANTED;
        callbacks.locate(caller.client().getAddress(), slotMillis)
                .thenCompose(endpoint -> callbacks.call(endpoint, procedure, encoded, slotMillis))
                .whenComplete((results, failure) -> {
                    if (failure != null) {
                        settle(number, null, failure);
                    } else if (!viaMessages) {
                        answer(number, results);
                    }
                    // GRANTED_MSG delivered: the answer comes as GRANTED_RES, or the slot ends first
                });
    }

    /** The client's GRANTED_RES. */
    void answered(NlmStatus status) {
        int current;
        synchronized (this) {
            current = attempt;
        }
        settle(current, status, null);
    }

    private void answer(int number, byte[] results) {
        Nlm4Res res;
        try {
            res = XdrBytes.decode(results, Nlm4Res::decode);
        } catch (RuntimeException e) {
            settle(number, null, e);
            return;
        }
        settle(number, res.status(), null);
    }

    private void settle(int number, NlmStatus status, Throwable failure) {
        Runnable outcome;
        synchronized (this) {
            if (finished) {
                return;
            }
            if (status == NlmStatus.GRANTED) {
                finished = true;
                outcome = () -> callbacks.finished(this, grant.cookie());
            } else if (status != null && status != NlmStatus.DENIED_GRACE_PERIOD) {
                finished = true;
                outcome = () -> giveUp("the client answered " + status);
            } else if (number != attempt || attemptSettled) {
                return;   // a late outcome of an attempt already decided
            } else if (attempt < NlmCallbacks.GRANT_ATTEMPTS) {
                attemptSettled = true;
                long slotLeft = slotMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attemptStartedNanos);
                outcome = () -> callbacks.schedule(this::nextAttempt, Math.max(0, slotLeft));
            } else {
                finished = true;
                String why = "no client lock manager took it in " + attempt + " attempts; last: "
                        + (failure != null ? NlmCallbacks.rootCause(failure) : status);
                outcome = () -> giveUp(why);
            }
        }
        outcome.run();
    }

    private void giveUp(String why) {
        callbacks.finished(this, grant.cookie());
        callbacks.release(caller, grant.lock(), why);
    }
}
