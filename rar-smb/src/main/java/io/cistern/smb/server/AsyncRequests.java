package io.cistern.smb.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Connection.AsyncCommandList of [MS-SMB2] 3.3.1.7: the requests of one connection that went asynchronous and have
 * not had their final response, by AsyncId, each with what a CANCEL does to it. Touched only on the connection's
 * event loop.
 */
final class AsyncRequests {
    /** What ends a waiting request early: it then sends its final response itself. */
    @FunctionalInterface
    interface Cancellation {
        void cancel();
    }

    private record Pending(long sessionId, long messageId, Cancellation cancellation) {
    }

    private record EarlyCancel(long sessionId, long messageId) {
    }

    /** At most this many CANCELs of requests not yet asynchronous are remembered. */
    private static final int EARLY_CANCELS = 64;

    private final Map<Long, Pending> byAsyncId = new HashMap<>();
    /**
     * CANCELs that named, by MessageId, a request still running synchronously: a request that then goes asynchronous
     * finds its CANCEL here. MessageIds are never reused on a connection, so an entry left by a request that ended
     * on its own matches nothing later; the oldest go first.
     */
    private final Deque<EarlyCancel> earlyCancels = new ArrayDeque<>();
    /** AsyncIds are nonzero and never reused on a connection (3.3.4.2). */
    private long lastAsyncId;

    /** Registers a request that goes asynchronous; returns its new AsyncId. */
    long register(long sessionId, long messageId, Cancellation cancellation) {
        long asyncId = ++lastAsyncId;
        byAsyncId.put(asyncId, new Pending(sessionId, messageId, cancellation));
        return asyncId;
    }

    /** The request had its final response. */
    void finished(long asyncId) {
        byAsyncId.remove(asyncId);
    }

    /**
     * A CANCEL of the async request {@code asyncId} in {@code sessionId} (3.3.5.16); false when there is none, which
     * is not answered either.
     */
    boolean cancelAsync(long sessionId, long asyncId) {
        Pending pending = byAsyncId.get(asyncId);
        if (pending == null || pending.sessionId() != sessionId) {
            return false;
        }
        pending.cancellation().cancel();
        return true;
    }

    /**
     * A CANCEL sent with the MessageId of a request before its interim response reached the client: it names the
     * request by MessageId. One that is still running synchronously is remembered, for {@link #cancelledEarly}: it
     * may yet go asynchronous (a CHANGE_NOTIFY right after the CREATE of its compound), and would then wait for good.
     */
    boolean cancelByMessageId(long sessionId, long messageId) {
        for (Map.Entry<Long, Pending> entry : Map.copyOf(byAsyncId).entrySet()) {
            if (entry.getValue().sessionId() == sessionId && entry.getValue().messageId() == messageId) {
                entry.getValue().cancellation().cancel();
                return true;
            }
        }
        if (earlyCancels.size() == EARLY_CANCELS) {
            earlyCancels.removeFirst();
        }
        earlyCancels.addLast(new EarlyCancel(sessionId, messageId));
        return false;
    }

    /** Whether a CANCEL named this request before it went asynchronous; forgets it. */
    boolean cancelledEarly(long sessionId, long messageId) {
        return earlyCancels.remove(new EarlyCancel(sessionId, messageId));
    }

    /** How many requests wait, for tests. */
    int size() {
        return byAsyncId.size();
    }
}
