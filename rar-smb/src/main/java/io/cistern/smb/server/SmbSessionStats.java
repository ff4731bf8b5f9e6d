package io.cistern.smb.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logon counters of one listener, for the application to read (metrics come later). Every counter only grows.
 * A throttled attempt counts as throttled, not as a failure: no credentials were checked.
 */
public final class SmbSessionStats {
    private final AtomicLong logonsSucceeded = new AtomicLong();
    private final AtomicLong logonFailures = new AtomicLong();
    private final AtomicLong logonsThrottled = new AtomicLong();
    private final AtomicLong anonymousRefused = new AtomicLong();

    /** Sessions that became valid, re-authentications included. */
    public long logonsSucceeded() {
        return logonsSucceeded.get();
    }

    /** Wrong password, unknown user, malformed or refused tokens: every STATUS_LOGON_FAILURE after a check. */
    public long logonFailures() {
        return logonFailures.get();
    }

    /** Attempts refused by {@link LogonFailureThrottle} without a check. */
    public long logonsThrottled() {
        return logonsThrottled.get();
    }

    /** Anonymous (null session) logons, all refused until a share allows guests. */
    public long anonymousRefused() {
        return anonymousRefused.get();
    }

    void succeeded() {
        logonsSucceeded.incrementAndGet();
    }

    void failed() {
        logonFailures.incrementAndGet();
    }

    void throttled() {
        logonsThrottled.incrementAndGet();
    }

    void refusedAnonymous() {
        anonymousRefused.incrementAndGet();
    }

    @Override
    public String toString() {
        return "SmbSessionStats[succeeded=" + logonsSucceeded + ", failed=" + logonFailures + ", throttled="
                + logonsThrottled + ", anonymousRefused=" + anonymousRefused + "]";
    }
}
