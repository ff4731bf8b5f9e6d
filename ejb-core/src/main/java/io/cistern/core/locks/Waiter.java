package io.cistern.core.locks;

/**
 * A blocked lock request, queued on its file. Only the {@link LockTable} touches it, under its lock; the callback
 * may be replaced when the client sends the same blocking request again (Linux clients resend it every 30 s while
 * they wait), so the newest way to reach the client is the one used.
 */
final class Waiter {
    final long file;
    final RangeLock request;
    GrantCallback callback;

    Waiter(long file, RangeLock request, GrantCallback callback) {
        this.file = file;
        this.request = request;
        this.callback = callback;
    }

    /** What is left to do once the lock has been taken for the waiter: tell it, outside the table's lock. */
    Grant granted() {
        return new Grant(file, request, callback);
    }

    @Override
    public String toString() {
        return "waiter for " + request + " on file " + file;
    }
}
