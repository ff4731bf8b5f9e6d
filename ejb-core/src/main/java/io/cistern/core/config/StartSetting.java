package io.cistern.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The settings read only when the server starts that an administrator may still change through the API: the change is
 * stored in the data directory ({@link StartOverrides}) and the launcher applies it at the next start, over the
 * environment. Each value is checked here as the launcher and the application check it at start, so that a stored
 * override is never one the next start refuses for its form; whether a port is free or the JVM takes the options is
 * checked once more when the change is made ({@link StartSettingChecks}).
 * <p>
 * Not here, and never changeable through the API: the data directory (the overrides live in it), the database's URL
 * and credentials (needed before anything can be read), every secret, the block store (its own API) and single
 * sign-on (its settings are checked together at start); see {@link #refusalReason}.
 */
public enum StartSetting {
    NFS_PORT("12049", "port of NFS, MOUNT and NLM", StartSetting::port),
    NFS_BIND("0.0.0.0", "address the NFS listener binds", StartSetting::bindAddress),
    PORTMAPPER("off", "portmapper on NFS's address: off, on (port 111) or a port", StartSetting::portmapper),
    SMB_PORT("12445", "SMB port", StartSetting::port),
    SMB_BIND("0.0.0.0", "address the SMB listener binds", StartSetting::bindAddress),
    HTTP_PORT("8080", "HTTP port of the admin API and console", StartSetting::port),
    HTTP_BIND("127.0.0.1", "address the admin API binds (HTTP and HTTPS)", StartSetting::bindAddress),
    HTTP("on", "plain HTTP listener: on, or off (HTTPS only)", StartSetting::onOrOff),
    HTTPS_PORT(null, "HTTPS port of the admin API and console (unset: no HTTPS)", StartSetting::port),
    TLS_KEYSTORE(null, "PKCS#12 keystore with the HTTPS certificate and key", StartSetting::keystorePath),
    JAVA_OPTS("-Xmx1g", "JVM options of the Payara Micro process", StartSetting::javaOptions),
    READY_TIMEOUT("300", "seconds the launcher waits for every listener", value -> whole(value, 1, 24 * 3600, "seconds")),
    NFS_IO_THREADS("2", "NFS event loops", value -> whole(value, 1, 256, "threads")),
    NFS_WORKERS("8", "NFS request workers", value -> whole(value, 1, 1024, "threads")),
    SMB_IO_THREADS("2", "SMB event loops", value -> whole(value, 1, 256, "threads")),
    SMB_WORKERS("8", "SMB request workers", value -> whole(value, 1, 1024, "threads")),
    /** PayloadEngine lays the journal out at start; below 16 MiB a single 4 MiB block write could not be taken. */
    JOURNAL_CAPACITY_MB("1024", "MiB the journal may hold", value -> whole(value, 16, Long.MAX_VALUE >> 20, "MiB")),
    /** The launcher sizes MaxDirectMemorySize from it, so it is a launcher setting as much as the application's. */
    CACHE_MB(null, "MiB of memory for verified blocks", value -> whole(value, 1, 1 << 20, "MiB")),
    NLM_GRACE_SECONDS("45", "NLM grace period after a start", value -> whole(value, 0, Integer.MAX_VALUE, "seconds")),
    DEFAULT_SCHEDULES("on", "default job schedules", StartSetting::onOrOff);

    private final String defaultValue;
    private final String description;
    private final UnaryOperator<String> normalizer;

    StartSetting(String defaultValue, String description, UnaryOperator<String> normalizer) {
        this.defaultValue = defaultValue;
        this.description = description;
        this.normalizer = normalizer;
    }

    /** For example {@code CISTERN_NFS_PORT}. */
    public String envName() {
        return "CISTERN_" + name();
    }

    /** For example {@code cistern.nfs.port}, as the launcher names it. */
    public String propertyName() {
        return envName().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The launcher's default, or null when unset means something of its own (no HTTPS, a cache sized from memory). */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /**
     * {@code value} in the form it is stored in, or an IllegalArgumentException whose message says what the setting
     * takes. Only the value's form: what depends on the machine (a free port, a JVM that starts) is checked by
     * {@link StartSettingChecks}.
     */
    public String normalize(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("needs a value (null removes the override)");
        }
        if (value.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("must not hold control characters");
        }
        return normalizer.apply(value.trim());
    }

    public static Optional<StartSetting> byEnvName(String name) {
        return Arrays.stream(values()).filter(setting -> setting.envName().equals(name)).findFirst();
    }

    /**
     * Why a setting the server reads cannot be changed through the API at all, or empty when it can (a
     * {@link RuntimeSetting} or a {@link StartSetting}) or is no setting.
     */
    public static Optional<String> refusalReason(String name) {
        if (name == null || !name.startsWith("CISTERN_")) {
            return Optional.empty();
        }
        return switch (name) {
            case "CISTERN_DATA_DIR" -> Optional.of("the data directory holds the database and the changed settings"
                    + " themselves");
            case "CISTERN_DB_URL", "CISTERN_DB_USER" -> Optional.of("the launcher needs the database before it can read"
                    + " any changed setting");
            case "CISTERN_DB_PASSWORD", "CISTERN_ADMIN_PASSWORD", "CISTERN_TLS_KEYSTORE_PASSWORD",
                 "CISTERN_OIDC_CLIENT_SECRET", "CISTERN_S3_SECRET_KEY" -> Optional.of("it is a secret, read from the"
                    + " environment only and never stored");
            case "CISTERN_NLM_CLIENT_PORTMAPPER_PORT" -> Optional.of("only tests change it");
            default -> {
                if (name.equals("CISTERN_STORE") || name.startsWith("CISTERN_S3_")) {
                    yield Optional.of("the block store is not changed through the settings");
                }
                if (name.startsWith("CISTERN_OIDC_")) {
                    yield Optional.of("single sign-on's settings are checked together when the server starts");
                }
                yield Optional.empty();
            }
        };
    }

    static String port(String value) {
        return whole(value, 1, 65535, "port number");
    }

    private static String whole(String value, long minimum, long maximum, String unit) {
        String rule = "must be a whole number of " + unit + " from " + minimum + " to " + maximum + ", not '" + value
                + "'";
        try {
            long number = Long.parseLong(value);
            if (number < minimum || number > maximum) {
                throw new IllegalArgumentException(rule);
            }
            return Long.toString(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(rule);
        }
    }

    private static String onOrOff(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("on") || lower.equals("off")) {
            return lower;
        }
        throw new IllegalArgumentException("must be on or off, not '" + value + "'");
    }

    private static String portmapper(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("on") || lower.equals("off")) {
            return lower;
        }
        try {
            return port(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be off, on (port 111) or a port number from 1 to 65535, not '"
                    + value + "'");
        }
    }

    /** A host name or an address literal; whether this machine has it is checked by {@link StartSettingChecks}. */
    private static String bindAddress(String value) {
        if (!value.matches("[A-Za-z0-9.:%_-]+")) {
            throw new IllegalArgumentException("must be an IP address or a host name, not '" + value + "'");
        }
        return value;
    }

    /**
     * Payara reads its boot command files a line at a time and splits at spaces (the launcher refuses what they cannot
     * carry), so the path must be absolute and plain.
     */
    private static String keystorePath(String value) {
        boolean plain = value.chars().allMatch(c -> c > ' ' && "\"'\\${}".indexOf(c) < 0);
        if (!plain || !value.startsWith("/")) {
            throw new IllegalArgumentException("must be an absolute path without spaces, quotes, backslashes, '$' or"
                    + " braces, not '" + value + "'");
        }
        return java.nio.file.Path.of(value).normalize().toString();
    }

    /** Options separated by spaces, each starting with '-'; whether the JVM takes them is checked when changed. */
    private static String javaOptions(String value) {
        String[] options = value.split("\\s+");
        for (String option : options) {
            if (!option.startsWith("-") || option.length() < 2) {
                throw new IllegalArgumentException("must be JVM options separated by spaces, each starting with '-',"
                        + " not '" + option + "'");
            }
        }
        return String.join(" ", options);
    }
}
