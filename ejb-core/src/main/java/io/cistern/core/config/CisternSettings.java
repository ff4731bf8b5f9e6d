package io.cistern.core.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings the application reads from its process: each a Java system property (set by the launcher
 * or the domain) or else an environment variable, or a default. The few that may change at run time
 * ({@link RuntimeSetting}) are looked up in {@link SettingOverrides} first; a start-only setting an administrator
 * changed ({@link StartSetting}) counts once the launcher applied it at a start ({@link StartOverrides#applied()}).
 */
public final class CisternSettings {
    private CisternSettings() {
    }

    /** Where the journal, block store and the first-start password file live. */
    public static Path dataDirectory() {
        return Path.of(value("cistern.data.dir", "CISTERN_DATA_DIR").orElse("data")).toAbsolutePath().normalize();
    }

    /**
     * The administrator's password for the first start. Read from the environment only, so it never
     * shows in a process list or a domain configuration file.
     */
    public static Optional<String> initialAdminPassword() {
        return Optional.ofNullable(System.getenv("CISTERN_ADMIN_PASSWORD")).filter(p -> !p.isEmpty());
    }

    /** How many bytes of unuploaded writes the journal may hold before writers are told to try again later. */
    public static long journalCapacityBytes() {
        return mebibytes("cistern.journal.capacity.mb", "CISTERN_JOURNAL_CAPACITY_MB", 1024);
    }

    /** Memory for verified blocks read from the store. */
    public static long blockCacheBytes() {
        return mebibytes("cistern.cache.mb", "CISTERN_CACHE_MB", 256);
    }

    /**
     * How many bytes per second the audit job reads from the block store at most. Hashing runs at about 1.6 GB/s on
     * one core here; the default of 200 MiB/s leaves most of a disk's bandwidth to clients.
     */
    public static long auditBytesPerSecond() {
        return mebibytes("cistern.audit.mb.per.second", "CISTERN_AUDIT_MB_PER_SECOND", 200, 1);
    }

    /** {@code filesystem} (blocks under the data directory, the default) or {@code s3}. */
    public static String blockStoreKind() {
        return value("cistern.store", "CISTERN_STORE").orElse("filesystem").trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** An S3 setting: {@code access_key} is {@code cistern.s3.access.key} or {@code CISTERN_S3_ACCESS_KEY}. */
    public static Optional<String> s3(String name) {
        return value("cistern.s3." + name.replace('_', '.'), "CISTERN_S3_" + name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Path-style S3 addressing: as {@code path_style} says, or else whenever an endpoint is set. */
    public static boolean s3PathStyle() {
        return s3("path_style").map(text -> Boolean.parseBoolean(text.trim())).orElse(s3("endpoint").isPresent());
    }

    /**
     * The S3 secret key: from the environment only, like the admin password, so it never shows in a process list
     * or a configuration file.
     */
    public static Optional<String> s3SecretKey() {
        return Optional.ofNullable(System.getenv("CISTERN_S3_SECRET_KEY")).filter(v -> !v.isBlank());
    }

    /**
     * A single sign-on (OpenID Connect) setting: {@code admin_groups} is {@code cistern.oidc.admin.groups} or
     * {@code CISTERN_OIDC_ADMIN_GROUPS}. Single sign-on is off while {@code issuer} is unset.
     */
    public static Optional<String> oidc(String name) {
        return value("cistern.oidc." + name.replace('_', '.'),
                "CISTERN_OIDC_" + name.toUpperCase(java.util.Locale.ROOT));
    }

    /** The OpenID Connect client secret: from the environment only, like every secret. */
    public static Optional<String> oidcClientSecret() {
        return Optional.ofNullable(System.getenv("CISTERN_OIDC_CLIENT_SECRET")).filter(v -> !v.isBlank());
    }

    /** Whether every SMB session must be signed (property {@code cistern.smb.signing.required}). */
    public static boolean smbSigningRequired() {
        return flag("cistern.smb.signing.required", "CISTERN_SMB_SIGNING_REQUIRED");
    }

    /**
     * Whether every SMB session must be encrypted (property {@code cistern.smb.encryption.required}): SMB 3.x with a
     * cipher both sides implement, every request after the logon encrypted; other clients are refused at logon.
     */
    public static boolean smbEncryptionRequired() {
        return flag("cistern.smb.encryption.required", "CISTERN_SMB_ENCRYPTION_REQUIRED");
    }

    /**
     * The level of Cistern's own loggers (property {@code cistern.log.level}, environment {@code CISTERN_LOG_LEVEL}:
     * SEVERE, WARNING, INFO (the default), CONFIG, FINE, FINER or FINEST).
     */
    public static java.util.logging.Level logLevel() {
        String text = value("cistern.log.level", "CISTERN_LOG_LEVEL").orElse("INFO").trim();
        try {
            return java.util.logging.Level.parse(RuntimeSetting.LOG_LEVEL.normalize(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cistern.log.level / CISTERN_LOG_LEVEL " + e.getMessage());
        }
    }

    /** Where the value in effect comes from: {@link SettingSource#OVERRIDE}, {@code ENVIRONMENT} or {@code DEFAULT}. */
    public static String source(String property, String environmentVariable) {
        if (SettingOverrides.get(environmentVariable).isPresent()
                || StartOverrides.applied().containsKey(environmentVariable)) {
            return SettingSource.OVERRIDE;
        }
        boolean inProcess = property != null && System.getProperty(property) != null
                && !System.getProperty(property).isBlank();
        String fromEnvironment = System.getenv(environmentVariable);
        return inProcess || fromEnvironment != null && !fromEnvironment.isBlank()
                ? SettingSource.ENVIRONMENT : SettingSource.DEFAULT;
    }

    /**
     * How many failed SMB logons within a minute make a client address wait for the rest of that minute (property
     * {@code cistern.smb.logon.failures.per.minute}, environment {@code CISTERN_SMB_LOGON_FAILURES_PER_MINUTE}; default
     * 5, at most 10000).
     */
    public static int smbLogonFailuresPerMinute() {
        String text = value("cistern.smb.logon.failures.per.minute", "CISTERN_SMB_LOGON_FAILURES_PER_MINUTE")
                .orElse("5").trim();
        try {
            return Integer.parseInt(RuntimeSetting.SMB_LOGON_FAILURES_PER_MINUTE.normalize(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cistern.smb.logon.failures.per.minute /"
                    + " CISTERN_SMB_LOGON_FAILURES_PER_MINUTE " + e.getMessage());
        }
    }

    private static boolean flag(String property, String environmentVariable) {
        String text = value(property, environmentVariable).orElse("false").trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(property + " / " + environmentVariable + " must be true or false, not '"
                + text + "'");
    }

    /**
     * How long after a start only NLM reclaims are served (property {@code cistern.nlm.grace.seconds}, environment
     * {@code CISTERN_NLM_GRACE_SECONDS}; 0 turns the grace period off). It must outlast the clients' reclaims: each
     * starts when the server's NSM tells the client of the restart and needs one round trip per lock, and a Linux
     * client retransmits a lost NLM call after 10 s and again 20 s later (nlm_bind_host), so the default of 45 s
     * covers a reclaim that loses two packets. Linux lockd alone uses 50 s (five of its 10 s RPC timeouts); the
     * 90 s usually seen on Linux is nfsd's NFSv4 lease, which lockd inherits because both share the kernel's grace
     * period, and Cistern serves no NFSv4. Every new lock and every TEST is refused throughout, after every start,
     * so the period is no longer than reclaiming needs.
     */
    public static int nlmGraceSeconds() {
        return (int) seconds("cistern.nlm.grace.seconds", "CISTERN_NLM_GRACE_SECONDS", 45, Integer.MAX_VALUE);
    }

    /**
     * How long a block nobody references, or a stored object no row knows, is kept before garbage collection deletes
     * it (property {@code cistern.gc.grace.seconds}, environment {@code CISTERN_GC_GRACE_SECONDS}; default a day).
     * Correctness does not rest on it (the collector's row locks do that, see BlockCollector); it keeps a block that
     * a file dropped a moment ago, and that the next copy of the same data would need again, from being deleted and
     * uploaded again, and leaves time to notice a mistake before the bytes are gone.
     */
    public static long gcGraceSeconds() {
        return seconds("cistern.gc.grace.seconds", "CISTERN_GC_GRACE_SECONDS", 24 * 60 * 60, Long.MAX_VALUE / 1000);
    }

    /**
     * Whether the maintenance jobs (statistics, GC, audit) run on their default schedules while no schedule was set
     * for them (property {@code cistern.default.schedules}, environment {@code CISTERN_DEFAULT_SCHEDULES}: {@code on},
     * the default, or {@code off}). Off, a job runs on its own only once a schedule is set through the API: test
     * servers use it, so that an hourly statistics run or a nightly collection never starts beside the job a test
     * starts itself.
     */
    public static boolean defaultSchedules() {
        String text = value("cistern.default.schedules", "CISTERN_DEFAULT_SCHEDULES").orElse("on").trim();
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("cistern.default.schedules / CISTERN_DEFAULT_SCHEDULES must be"
                    + " on or off, not '" + text + "'");
        };
    }

    private static long seconds(String property, String environmentVariable, long defaultSeconds, long maximum) {
        String text = value(property, environmentVariable).orElse(Long.toString(defaultSeconds)).trim();
        try {
            long seconds = Long.parseLong(text);
            if (seconds < 0 || seconds > maximum) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " / " + environmentVariable + " must be a number of "
                    + "seconds, not '" + text + "'");
        }
    }

    private static long mebibytes(String property, String environmentVariable, long defaultMebibytes) {
        return mebibytes(property, environmentVariable, defaultMebibytes, 0);
    }

    private static long mebibytes(String property, String environmentVariable, long defaultMebibytes, long minimum) {
        String text = value(property, environmentVariable).orElse(Long.toString(defaultMebibytes)).trim();
        try {
            long mebibytes = Long.parseLong(text);
            if (mebibytes < minimum || mebibytes > Long.MAX_VALUE >> 20) {
                throw new NumberFormatException();
            }
            return mebibytes << 20;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " / " + environmentVariable + " must be a number of MiB"
                    + (minimum > 0 ? " of at least " + minimum : "") + ", not '" + text + "'");
        }
    }

    /**
     * A setting the launcher reads and hands to the application's environment (the HTTPS settings), as given: only
     * shown, never acted on here.
     */
    public static Optional<String> raw(String property, String environmentVariable) {
        return value(property, environmentVariable);
    }

    private static Optional<String> value(String property, String environmentVariable) {
        Optional<String> overridden = SettingOverrides.get(environmentVariable)
                .or(() -> Optional.ofNullable(StartOverrides.applied().get(environmentVariable)));
        if (overridden.isPresent()) {
            return overridden;
        }
        return fromEnvironment(property, environmentVariable);
    }

    /** The value set for the process (property, then environment), without any override. */
    static Optional<String> fromEnvironment(String property, String environmentVariable) {
        String fromProperty = property == null ? null : System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Optional.of(fromProperty);
        }
        return Optional.ofNullable(System.getenv(environmentVariable)).filter(v -> !v.isBlank());
    }
}
