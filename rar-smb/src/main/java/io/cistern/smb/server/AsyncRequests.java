package io.cistern.smb.server;

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

    private final Map<Long, Pending> byAsyncId = new HashMap<>();
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
     * request by MessageId. Requests still running synchronously are not tracked; they end on their own soon.
     */
    boolean cancelByMessageId(long sessionId, long messageId) {
        for (Map.Entry<Long, Pending> entry : Map.copyOf(byAsyncId).entrySet()) {
            if (entry.getValue().sessionId() == sessionId && entry.getValue().messageId() == messageId) {
                entry.getValue().cancellation().cancel();
                return true;
            }
        }
        return false;
    }

    /** How many requests wait, for tests. */
    int size() {
        return byAsyncId.size();
    }
}
