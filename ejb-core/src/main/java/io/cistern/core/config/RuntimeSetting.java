package io.cistern.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Level;

/**
 * The settings an administrator may change while the server runs, and why each is safe to: every one is read again
 * where it is used, so a stored override counts from that point on without a restart. The others stay start-only:
 * the data directory, the store and its credentials, the journal's capacity and the block cache's size (memory and
 * files laid out at start), the NLM grace period (it follows the start), and whether default schedules apply (the
 * timers are made at start).
 */
public enum RuntimeSetting {
    /** Read at each NEGOTIATE: counts for new SMB connections; connected sessions keep what they negotiated. */
    SMB_SIGNING_REQUIRED("CISTERN_SMB_SIGNING_REQUIRED", "new SMB connections", RuntimeSetting::trueOrFalse),
    /** Read at each NEGOTIATE, like signing. */
    SMB_ENCRYPTION_REQUIRED("CISTERN_SMB_ENCRYPTION_REQUIRED", "new SMB connections", RuntimeSetting::trueOrFalse),
    /**
     * Read at each NEGOTIATE, which hands it to the SMB listener's throttle: counts from the next new connection on,
     * for every client address.
     */
    SMB_LOGON_FAILURES_PER_MINUTE("CISTERN_SMB_LOGON_FAILURES_PER_MINUTE", "the next SMB connection, for every address",
            RuntimeSetting::logonFailures),
    /** Read when an audit starts. */
    AUDIT_MB_PER_SECOND("CISTERN_AUDIT_MB_PER_SECOND", "the next audit run", RuntimeSetting::positiveMebibytes),
    /** Read when a collection starts. */
    GC_GRACE_SECONDS("CISTERN_GC_GRACE_SECONDS", "the next garbage collection", RuntimeSetting::seconds),
    /** Applied to the {@code io.cistern} loggers at once. */
    LOG_LEVEL("CISTERN_LOG_LEVEL", "at once", RuntimeSetting::logLevel);

    /** The levels CISTERN_LOG_LEVEL takes, from the fewest records to the most. */
    public static final List<String> LOG_LEVELS = List.of("SEVERE", "WARNING", "INFO", "CONFIG", "FINE", "FINER",
            "FINEST");

    private final String envName;
    private final String takesEffect;
    private final UnaryOperator<String> normalizer;

    RuntimeSetting(String envName, String takesEffect, UnaryOperator<String> normalizer) {
        this.envName = envName;
        this.takesEffect = takesEffect;
        this.normalizer = normalizer;
    }

    /** For example {@code CISTERN_GC_GRACE_SECONDS}. */
    public String envName() {
        return envName;
    }

    /** What a change reaches, for the API and the console: "new SMB connections", "at once"… */
    public String takesEffect() {
        return takesEffect;
    }

    /**
     * {@code value} in the form it is stored in ({@code true}, {@code 200}, {@code FINE}), or an
     * IllegalArgumentException whose message says what the setting takes. Only what {@link CisternSettings} reads
     * without complaint passes, so a stored override never makes a setting unreadable.
     */
    public String normalize(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(envName + " needs a value");
        }
        return normalizer.apply(value.trim());
    }

    public static Optional<RuntimeSetting> byEnvName(String name) {
        return Arrays.stream(values()).filter(setting -> setting.envName.equals(name)).findFirst();
    }

    private static String trueOrFalse(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.toLowerCase(Locale.ROOT);
        }
        throw new IllegalArgumentException("must be true or false, not '" + value + "'");
    }

    private static String positiveMebibytes(String value) {
        long mebibytes = number(value, "must be a whole number of MiB per second of at least 1");
        if (mebibytes < 1 || mebibytes > Long.MAX_VALUE >> 20) {
            throw new IllegalArgumentException("must be a whole number of MiB per second of at least 1, not '"
                    + value + "'");
        }
        return Long.toString(mebibytes);
    }

    private static String logonFailures(String value) {
        long failures = number(value, "must be a whole number of failed logons from 1 to 10000");
        if (failures < 1 || failures > 10_000) {
            throw new IllegalArgumentException("must be a whole number of failed logons from 1 to 10000, not '"
                    + value + "'");
        }
        return Long.toString(failures);
    }

    private static String seconds(String value) {
        long seconds = number(value, "must be a whole number of seconds");
        if (seconds < 0 || seconds > Long.MAX_VALUE / 1000) {
            throw new IllegalArgumentException("must be a whole number of seconds from 0, not '" + value + "'");
        }
        return Long.toString(seconds);
    }

    private static long number(String value, String rule) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(rule + ", not '" + value + "'");
        }
    }

    private static String logLevel(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(upper)) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", LOG_LEVELS) + ", not '" + value
                    + "'");
        }
        return Level.parse(upper).getName();
    }
}
