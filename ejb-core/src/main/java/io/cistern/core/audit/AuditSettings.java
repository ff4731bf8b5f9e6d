package io.cistern.core.audit;

import java.util.Optional;

/**
 * The audit's settings, read like {@link io.cistern.core.config.CisternSettings}: a system property, else an
 * environment variable, else the default. Read when an audit starts, so a change applies to the next one.
 */
public final class AuditSettings {
    /** Hashing runs at about 1.6 GB/s on one core here; 200 MiB/s leaves most of a disk's bandwidth to clients. */
    static final long DEFAULT_MIB_PER_SECOND = 200;
    static final String PROPERTY = "cistern.audit.mb.per.second";
    static final String ENVIRONMENT = "CISTERN_AUDIT_MB_PER_SECOND";

    private AuditSettings() {
    }

    /** How many bytes per second the audit reads from the store at most: {@value #PROPERTY} MiB. */
    public static long bytesPerSecond() {
        String text = Optional.ofNullable(System.getProperty(PROPERTY)).filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(System.getenv(ENVIRONMENT)).filter(v -> !v.isBlank()))
                .orElse(Long.toString(DEFAULT_MIB_PER_SECOND)).trim();
        try {
            long mebibytes = Long.parseLong(text);
            if (mebibytes <= 0 || mebibytes > Long.MAX_VALUE >> 20) {
                throw new NumberFormatException();
            }
            return mebibytes << 20;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " / " + ENVIRONMENT + " must be a positive number of MiB per"
                    + " second, not '" + text + "'");
        }
    }

    /** A bucket paced to {@link #bytesPerSecond()}, for one audit step. */
    public static TokenBucket newRateLimit() {
        return new TokenBucket(bytesPerSecond());
    }
}
