package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.client.NlmLocator;
import io.cistern.nfs.nlm.client.RpcClient;
import io.cistern.nfs.nlm.client.RpcEndpoint;
import io.cistern.nfs.nlm.client.XdrBytes;
import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NlmGrantCallback;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.xdr.XdrEncoder;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the NLM server says to clients without being asked: GRANTED for a lock that waited, and the _RES answers of
 * the asynchronous _MSG procedures. A client's lock manager is a server of its own, found through the portmapper on
 * its host. Everything here is asynchronous on the adapter's event loops ({@code timers}); the application is only
 * ever called through the request workers ({@code executor}), never from an event loop.
 * <p>
 * One instance per activation: {@link #close} stops every callback still under way when the application goes, since
 * a lock released on behalf of an application that is no longer there would be released into nothing.
 */
public final class NlmCallbacks {
    private static final Logger LOG = Logger.getLogger(NlmCallbacks.class.getName());
    /** GRANTED is tried this often, evenly over the callback timeout, before the lock is released again. */
    static final int GRANT_ATTEMPTS = 3;

    /** Passed with non-blocking requests, which the application must never grant later. */
    static final NlmGrantCallback NOT_BLOCKING = (lock, exclusive) -> LOG.warning(() -> "the application granted a"
            + " lock that was not asked to block, for " + lock.callerName() + "; the client is not told");

    private final RpcClient rpc;
    private final NlmLocator locator;
    private final ScheduledExecutorService timers;
    private final RequestExecutor executor;
    private final long timeoutMillis;
    private final AtomicLong cookies = new AtomicLong(new SecureRandom().nextLong());
    /** Grants sent as GRANTED_MSG, by cookie, until their GRANTED_RES comes or they are given up. */
    private final Map<Long, GrantDelivery> awaitingAnswers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param clientPortmapperPort where clients' portmappers listen: 111, except in tests
     * @param timeoutMillis        how long a client may take to accept a granted lock, over all attempts
     */
    public NlmCallbacks(RpcClient rpc, ScheduledExecutorService timers, RequestExecutor executor,
                        int clientPortmapperPort, long timeoutMillis) {
        this.rpc = rpc;
        this.locator = new NlmLocator(rpc, clientPortmapperPort);
        this.timers = timers;
        this.executor = executor;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * The callback for a blocking LOCK from {@code caller}. It may fire before the BLOCKED reply has left (another
     * worker's UNLOCK can grant at once), so it does not depend on that reply; clients are ready for a GRANTED
     * that overtakes it. Only the first call counts.
     */
    NlmGrantCallback grantCallback(NfsCaller caller, boolean viaMessages) {
        AtomicBoolean used = new AtomicBoolean();
        return (lock, exclusive) -> {
            if (!used.compareAndSet(false, true)) {
                LOG.warning(() -> "the application granted the lock of " + lock.callerName() + " twice; told once");
            } else if (!closed) {
                long cookie = cookies.incrementAndGet();
                GrantDelivery delivery = new GrantDelivery(this, caller, cookieBytes(cookie), lock, exclusive, viaMessages,
                        Math.max(1, timeoutMillis / GRANT_ATTEMPTS));
                if (viaMessages) {
                    awaitingAnswers.put(cookie, delivery);
                }
                schedule(delivery::nextAttempt, 0);
            }
        };
    }

    /** Sends the answer of a _MSG call as its _RES call; once, since a client that misses it asks again. */
    <R> void sendResult(NfsCaller caller, int procedure, XdrEncoder<R> encoder, R result) {
        if (closed) {
            return;
        }
        byte[] arguments = XdrBytes.encode(out -> encoder.encode(result, out));
        long timeout = Math.max(1, timeoutMillis / GRANT_ATTEMPTS);
        locate(caller.client().getAddress(), timeout)
                .thenCompose(endpoint -> call(endpoint, procedure, arguments, timeout))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.info(() -> "could not send NLM procedure " + procedure + " to " + caller.client() + ": "
                                + rootCause(failure));
                    }
                });
    }

    /**
     * A GRANTED_RES: the client's answer to a GRANTED_MSG. Only the host the grant went to may answer it, so that
     * nobody else can make the server drop a lock by guessing a cookie.
     */
    void grantAnswered(NfsCaller caller, Nlm4Res answer) {
        GrantDelivery delivery = answer.cookie().length == Long.BYTES
                ? awaitingAnswers.get(ByteBuffer.wrap(answer.cookie()).getLong()) : null;
        if (delivery == null || !delivery.isFor(caller.client().getAddress())) {
            LOG.fine(() -> "GRANTED_RES from " + caller.client() + " answers no grant under way");
            return;
        }
        delivery.answered(answer.status());
    }

    /** Ends every callback still under way: the activation is over. */
    public void close() {
        closed = true;
        awaitingAnswers.clear();
    }

    boolean isClosed() {
        return closed;
    }

    CompletableFuture<RpcEndpoint> locate(InetAddress host, long timeout) {
        return locator.locate(host, NlmProgram.PROGRAM, NlmProgram.VERSION, timeout);
    }

    CompletableFuture<byte[]> call(RpcEndpoint endpoint, int procedure, byte[] arguments, long timeout) {
        return rpc.call(endpoint, NlmProgram.PROGRAM, NlmProgram.VERSION, procedure, arguments, timeout);
    }

    void schedule(Runnable task, long delayMillis) {
        try {
            timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("NLM callback dropped: the event loops are shutting down");
        }
    }

    /** The grant is settled one way or the other: it no longer waits for a GRANTED_RES. */
    void finished(GrantDelivery delivery, byte[] cookie) {
        awaitingAnswers.remove(ByteBuffer.wrap(cookie).getLong(), delivery);
    }

    /** The client did not take the lock: release it, or it would be held by nobody until the client host restarts. */
    void release(NfsCaller caller, NlmLock lock, String why) {
        if (closed) {
            return;
        }
        LOG.warning(() -> "NLM: releasing the lock granted to " + lock.callerName() + " at " + caller.client() + ": "
                + why);
        if (!executor.submit(listener -> listener.nlmUnlock(caller, lock))) {
            LOG.log(Level.SEVERE, "NLM: could not release the lock granted to {0}: no request worker took it; it stays"
                    + " held until that client frees it", lock.callerName());
        }
    }

    static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    private static byte[] cookieBytes(long cookie) {
        return ByteBuffer.allocate(Long.BYTES).putLong(cookie).array();
    }
}
