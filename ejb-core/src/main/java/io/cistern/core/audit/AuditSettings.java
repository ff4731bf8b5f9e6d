package io.cistern.core.audit;

import io.cistern.core.config.CisternSettings;

/**
 * The audit's settings, which {@link CisternSettings} reads like every other (a system property, else an environment
 * variable, else the default). Read when an audit starts, so a change applies to the next one.
 */
public final class AuditSettings {
    static final String PROPERTY = "cistern.audit.mb.per.second";
    static final String ENVIRONMENT = "CISTERN_AUDIT_MB_PER_SECOND";

    private AuditSettings() {
    }

    /** How many bytes per second the audit reads from the store at most: {@value #PROPERTY} MiB. */
    public static long bytesPerSecond() {
        return CisternSettings.auditBytesPerSecond();
    }

    /** A bucket paced to {@link #bytesPerSecond()}, for one audit step. */
    public static TokenBucket newRateLimit() {
        return new TokenBucket(bytesPerSecond());
    }

    /**
     * A bucket paced to {@code mibPerSecond} MiB (a run's own limit, given as the job parameter {@code mbPerSecond}),
     * or to {@link #bytesPerSecond()} when it is null or blank.
     */
    public static TokenBucket newRateLimit(String mibPerSecond) {
        if (mibPerSecond == null || mibPerSecond.isBlank()) {
            return newRateLimit();
        }
        long mib;
        try {
            mib = Long.parseLong(mibPerSecond.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mbPerSecond is a whole number of MiB per second: " + mibPerSecond);
        }
        if (mib <= 0) {
            throw new IllegalArgumentException("mbPerSecond is more than 0: " + mibPerSecond);
        }
        return new TokenBucket(Math.min(mib, TokenBucket.MAX_BYTES_PER_SECOND >> 20) << 20);
    }
}
