package io.cistern.launcher;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The launcher's settings, resolved once at start: for each {@link Setting} an override an admin stored through the
 * API ({@link StartOverridesFile}) wins over the system property, which wins over the environment variable, which wins
 * over the default. Blank values count as unset. Invalid values fail with a {@link LauncherException} that names the
 * setting.
 */
final class Settings {
    /** Threads a connector pool keeps beyond the adapter's I/O threads and workers (timers, stop, spares). */
    static final int POOL_HEADROOM = 4;
    /** Where clients look for a portmapper; "on" means this port. */
    static final int PORTMAPPER_STANDARD_PORT = 111;

    final Path dataDir;
    final Endpoint nfs;
    /** The portmapper's port (TCP and UDP, on the NFS bind address); 0 when off. */
    final int portmapperPort;
    /** Where the NFS adapter asks a client's host for the client's lock manager (NLM callbacks). */
    final int nlmClientPortmapperPort;
    final Endpoint smb;
    final Endpoint http;
    /** Whether plain HTTP listens ({@code CISTERN_HTTP}); off needs HTTPS. */
    final boolean httpOn;
    /** The HTTPS listener, on HTTP's bind address; empty when CISTERN_HTTPS_PORT is unset. */
    final Optional<Https> https;
    final Optional<String> dbUrl;
    final String dbUser;
    final Optional<Secret> dbPassword;
    final Optional<Secret> adminPassword;
    final List<String> javaOpts;
    final Duration readyTimeout;
    final AdapterThreads nfsThreads;
    final AdapterThreads smbThreads;
    /** The block cache's size in MiB, as set or else chosen from the machine's memory. */
    final int cacheMebibytes;
    /**
     * The settings the application reads ({@link Setting#forApplication()}) and those it shows ({@link
     * Setting#overridable()}) that are set in the process, by environment name, without the overrides: the
     * application is told those apart ({@link #overrides}), so that it shows what a removed override falls back to.
     */
    final Map<String, String> forApplication;
    /** The overrides applied, by environment name. */
    final Map<String, String> overrides;

    /** A listener: protocol name as printed ("NFS"), bind address, port, and the setting that names the address. */
    record Endpoint(String protocol, String bindAddress, int port, Setting bindSetting) {
    }

    /**
     * HTTPS for the admin API and console: the listener, and the PKCS#12 keystore with its password (read from the
     * environment only, and handed to Payara the same way).
     */
    record Https(Endpoint endpoint, Path keystore, Secret password) {
    }

    /** Thread counts of one resource adapter; the connector pool needs all of them at once, plus headroom. */
    record AdapterThreads(int ioThreads, int workers) {
        int poolSize() {
            return ioThreads + workers + POOL_HEADROOM;
        }
    }

    private Settings(Lookup lookup) {
        dataDir = path(lookup, Setting.DATA_DIR);
        nfs = new Endpoint("NFS", text(lookup, Setting.NFS_BIND), port(lookup, Setting.NFS_PORT), Setting.NFS_BIND);
        portmapperPort = portmapper(lookup);
        nlmClientPortmapperPort = port(lookup, Setting.NLM_CLIENT_PORTMAPPER_PORT);
        smb = new Endpoint("SMB", text(lookup, Setting.SMB_BIND), port(lookup, Setting.SMB_PORT), Setting.SMB_BIND);
        http = new Endpoint("HTTP", text(lookup, Setting.HTTP_BIND), port(lookup, Setting.HTTP_PORT), Setting.HTTP_BIND);
        requireLogLevel(lookup);
        requireApplicationStartSettings(lookup);
        positive(lookup, Setting.SMB_LOGON_FAILURES_PER_MINUTE, 10_000);   // read by the application at each NEGOTIATE
        httpOn = onOrOff(lookup, Setting.HTTP);
        https = https(lookup, http.bindAddress());
        if (!httpOn && https.isEmpty()) {
            throw new LauncherException(Setting.HTTP.label() + " is off, so " + Setting.HTTPS_PORT.label()
                    + " must be set: the admin API needs a listener");
        }
        dbUrl = lookup.value(Setting.DB_URL);
        dbUser = text(lookup, Setting.DB_USER);
        dbPassword = lookup.secret(Setting.DB_PASSWORD);
        adminPassword = lookup.secret(Setting.ADMIN_PASSWORD);
        javaOpts = lookup.value(Setting.JAVA_OPTS).map(Settings::splitOptions).orElse(List.of());
        readyTimeout = Duration.ofSeconds(positive(lookup, Setting.READY_TIMEOUT, 24 * 3600));
        nfsThreads = new AdapterThreads(positive(lookup, Setting.NFS_IO_THREADS, 256),
                positive(lookup, Setting.NFS_WORKERS, 1024));
        smbThreads = new AdapterThreads(positive(lookup, Setting.SMB_IO_THREADS, 256),
                positive(lookup, Setting.SMB_WORKERS, 1024));
        cacheMebibytes = lookup.value(Setting.CACHE_MB).isPresent()
                ? positive(lookup, Setting.CACHE_MB, 1 << 20) : defaultCacheMebibytes(physicalMemoryBytes());
        Map<String, String> application = new LinkedHashMap<>(forApplication(lookup));
        application.put(Setting.CACHE_MB.envName(), lookup.overrides.containsKey(Setting.CACHE_MB.envName())
                ? lookup.given(Setting.CACHE_MB).orElse(Integer.toString(defaultCacheMebibytes(physicalMemoryBytes())))
                : Integer.toString(cacheMebibytes));
        forApplication = Map.copyOf(application);
        overrides = Map.copyOf(lookup.overrides);
        requireDistinctPorts();
        requireCompleteSingleSignOn(lookup);
    }

    private static Map<String, String> forApplication(Lookup lookup) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            if (setting.forApplication() || setting.overridable()) {
                // only what was given: a default handed over would show in the application as set in the environment
                Optional<String> value = setting.environmentOnly()
                        ? lookup.fromEnvironment(setting) : lookup.given(setting);
                value.ifPresent(v -> values.put(setting.envName(), v));
            }
        }
        return Map.copyOf(values);
    }

    /**
     * An eighth of the machine's memory, from 256 MiB to 2 GiB: the blocks a server reads again are in this cache
     * or else read and hashed again, and a file server's working set is what its machine's memory is for.
     */
    static int defaultCacheMebibytes(long physicalMemoryBytes) {
        long eighth = (physicalMemoryBytes >> 20) / 8;
        return (int) Math.max(256, Math.min(2048, eighth));
    }

    private static long physicalMemoryBytes() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getTotalMemorySize() : 0;
    }

    /** Resolves from this JVM's system properties and environment, with {@code overrides} over them. */
    static Settings fromSystem(Map<String, String> overrides) {
        return resolve(System::getProperty, System::getenv, overrides);
    }

    /** Resolves from the given sources; the tests pass maps here. */
    static Settings resolve(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        return resolve(properties, environment, Map.of());
    }

    /** Resolves with {@code overrides} (environment name to value, only {@link Setting#overridable()} ones). */
    static Settings resolve(UnaryOperator<String> properties, UnaryOperator<String> environment,
                            Map<String, String> overrides) {
        return new Settings(new Lookup(properties, environment, Map.copyOf(overrides)));
    }

    /** The data directory alone, which the overrides are read from (it can never be overridden itself). */
    static Path dataDirectory(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        return path(new Lookup(properties, environment, Map.of()), Setting.DATA_DIR);
    }

    boolean embeddedDatabase() {
        return dbUrl.isEmpty();
    }

    /**
     * Every TCP listener: the portmapper (on NFS's address) when it is on, plain HTTP unless it is off, HTTPS when
     * it is set.
     */
    List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new java.util.ArrayList<>(List.of(nfs));
        if (portmapperPort != 0) {
            endpoints.add(new Endpoint("portmapper", nfs.bindAddress(), portmapperPort, Setting.NFS_BIND));
        }
        endpoints.add(smb);
        if (httpOn) {
            endpoints.add(http);
        }
        https.ifPresent(secure -> endpoints.add(secure.endpoint()));
        return List.copyOf(endpoints);
    }

    /**
     * The port Payara Micro gets as {@code --port}: plain HTTP's. With HTTP off it still names one (the listener is
     * then disabled in the pre-boot file), so that Micro never falls back to 8080.
     */
    int httpPortForPayara() {
        return http.port;
    }

    private static Optional<Https> https(Lookup lookup, String bindAddress) {
        if (lookup.value(Setting.HTTPS_PORT).isEmpty()) {
            return Optional.empty();
        }
        int port = port(lookup, Setting.HTTPS_PORT);
        Path keystore = lookup.value(Setting.TLS_KEYSTORE).map(raw -> pathOf(Setting.TLS_KEYSTORE, raw))
                .orElseThrow(() -> new LauncherException(Setting.HTTPS_PORT.label() + " is set, so "
                        + Setting.TLS_KEYSTORE.label() + " must name a PKCS#12 keystore"));
        requireCommandSafe(Setting.TLS_KEYSTORE, keystore.toString(), "a path");
        Secret password = lookup.fromEnvironment(Setting.TLS_KEYSTORE_PASSWORD).map(Secret::of)
                .orElseThrow(() -> new LauncherException(Setting.HTTPS_PORT.label() + " is set, so the environment"
                        + " variable " + Setting.TLS_KEYSTORE_PASSWORD.envName() + " must hold the keystore's password"));
        requireCommandSafe(Setting.TLS_KEYSTORE_PASSWORD, password.reveal(), "a password");
        return Optional.of(new Https(new Endpoint("HTTPS", bindAddress, port, Setting.HTTP_BIND), keystore, password));
    }

    /**
     * Payara Micro reads its boot command files a line at a time, splits at spaces and expands {@code ${...}}: a
     * value with a space, a quote, a backslash, {@code $}, braces or a control character would be cut or changed on
     * the way, so it is refused here, without showing it.
     */
    private static void requireCommandSafe(Setting setting, String value, String what) {
        boolean safe = !value.isEmpty()
                && value.chars().allMatch(c -> c > ' ' && c != 0x7f && "\"'\\${}".indexOf(c) < 0);
        if (!safe) {
            throw new LauncherException(setting.label() + " must be " + what + " without spaces, quotes, backslashes,"
                    + " '$', braces or control characters (Payara's boot command files cannot carry them)");
        }
    }

    /** Checked here too, so that a typo stops the start instead of leaving the application at its default level. */
    private static void requireLogLevel(Lookup lookup) {
        String raw = text(lookup, Setting.LOG_LEVEL);
        if (!List.of("SEVERE", "WARNING", "INFO", "CONFIG", "FINE", "FINER", "FINEST")
                .contains(raw.toUpperCase(java.util.Locale.ROOT))) {
            throw new LauncherException(Setting.LOG_LEVEL.label() + " must be SEVERE, WARNING, INFO, CONFIG, FINE, FINER"
                    + " or FINEST, got '" + raw + "'");
        }
    }

    /**
     * The start-only settings the application reads, checked as it checks them, so that a value it would refuse (an
     * override edited by hand, a typo) stops the start here with one line rather than in a deployment.
     */
    private static void requireApplicationStartSettings(Lookup lookup) {
        String journal = text(lookup, Setting.JOURNAL_CAPACITY_MB);
        Long mebibytes = parseLong(journal);
        if (mebibytes == null || mebibytes < 16 || mebibytes > Long.MAX_VALUE >> 20) {
            throw new LauncherException(Setting.JOURNAL_CAPACITY_MB.label() + " must be a whole number of MiB of at"
                    + " least 16, got '" + journal + "'");
        }
        String grace = text(lookup, Setting.NLM_GRACE_SECONDS);
        Long seconds = parseLong(grace);
        if (seconds == null || seconds < 0 || seconds > Integer.MAX_VALUE) {
            throw new LauncherException(Setting.NLM_GRACE_SECONDS.label() + " must be a whole number of seconds from 0,"
                    + " got '" + grace + "'");
        }
        onOrOff(lookup, Setting.DEFAULT_SCHEDULES);
    }

    private static Long parseLong(String raw) {
        try {
            return Long.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean onOrOff(Lookup lookup, Setting setting) {
        String raw = text(lookup, setting);
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new LauncherException(setting.label() + " must be on or off, got '" + raw + "'");
        };
    }

    private void requireDistinctPorts() {
        if (nfs.port == smb.port || nfs.port == http.port || smb.port == http.port) {
            throw new LauncherException("NFS, SMB and HTTP need three different ports, got NFS " + nfs.port
                    + ", SMB " + smb.port + ", HTTP " + http.port);
        }
        if (https.isPresent()) {
            int port = https.get().endpoint().port();
            if (port == nfs.port || port == smb.port || port == http.port || port == portmapperPort) {
                throw new LauncherException(Setting.HTTPS_PORT.label() + " asks for port " + port
                        + ", which another listener uses");
            }
        }
        for (Endpoint endpoint : List.of(nfs, smb, http)) {
            if (endpoint.port == portmapperPort) {
                throw new LauncherException(Setting.PORTMAPPER.label() + " asks for port " + portmapperPort
                        + ", which is the " + endpoint.protocol + " port");
            }
        }
    }

    /**
     * With an issuer, single sign-on needs a client id and at least one group mapped to a role (without one, every
     * login through the provider would be refused); caught here rather than at the first login.
     */
    private static void requireCompleteSingleSignOn(Lookup lookup) {
        Optional<String> issuer = lookup.value(Setting.OIDC_ISSUER);
        if (issuer.isEmpty()) {
            return;
        }
        if (!issuer.get().startsWith("https://") && !issuer.get().startsWith("http://")) {
            throw new LauncherException(Setting.OIDC_ISSUER.label() + " must be an http or https URL, got '"
                    + issuer.get() + "'");
        }
        if (lookup.value(Setting.OIDC_CLIENT_ID).isEmpty()) {
            throw new LauncherException(Setting.OIDC_ISSUER.label() + " is set, so " + Setting.OIDC_CLIENT_ID.label()
                    + " must be set too");
        }
        if (List.of(Setting.OIDC_ADMIN_GROUPS, Setting.OIDC_OPERATOR_GROUPS, Setting.OIDC_VIEWER_GROUPS).stream()
                .allMatch(setting -> lookup.value(setting).isEmpty())) {
            throw new LauncherException(Setting.OIDC_ISSUER.label() + " is set, so at least one of "
                    + "CISTERN_OIDC_ADMIN_GROUPS, CISTERN_OIDC_OPERATOR_GROUPS and CISTERN_OIDC_VIEWER_GROUPS must name "
                    + "a group: a user in none of them is refused");
        }
    }

    /** off, on (port 111) or a port number; 0 stands for off. */
    private static int portmapper(Lookup lookup) {
        String raw = text(lookup, Setting.PORTMAPPER);
        switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "off":
                return 0;
            case "on":
                return PORTMAPPER_STANDARD_PORT;
            default:
                Integer port = parseInt(raw);
                if (port == null || port < 1 || port > 65535) {
                    throw new LauncherException(Setting.PORTMAPPER.label() + " must be off, on (port "
                            + PORTMAPPER_STANDARD_PORT + ") or a port number from 1 to 65535, got '" + raw + "'");
                }
                return port;
        }
    }

    private static String text(Lookup lookup, Setting setting) {
        return lookup.value(setting).orElseThrow(() -> new LauncherException(setting.label() + " must not be empty"));
    }

    private static Path path(Lookup lookup, Setting setting) {
        return pathOf(setting, text(lookup, setting));
    }

    private static Path pathOf(Setting setting, String raw) {
        try {
            return Path.of(raw).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new LauncherException(setting.label() + " is not a valid path: '" + raw + "'");
        }
    }

    private static int port(Lookup lookup, Setting setting) {
        String raw = text(lookup, setting);
        Integer port = parseInt(raw);
        if (port == null || port < 1 || port > 65535) {
            throw new LauncherException(setting.label() + " must be a port number from 1 to 65535, got '" + raw + "'");
        }
        return port;
    }

    private static int positive(Lookup lookup, Setting setting, int max) {
        String raw = text(lookup, setting);
        Integer value = parseInt(raw);
        if (value == null || value < 1 || value > max) {
            throw new LauncherException(setting.label() + " must be a whole number from 1 to " + max + ", got '" + raw + "'");
        }
        return value;
    }

    private static Integer parseInt(String raw) {
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> splitOptions(String raw) {
        return Arrays.stream(raw.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** Override, then property, then environment, then default; blank counts as unset. */
    private record Lookup(UnaryOperator<String> properties, UnaryOperator<String> environment,
                          Map<String, String> overrides) {
        Optional<String> value(Setting setting) {
            return Optional.ofNullable(setting.overridable() ? overrides.get(setting.envName()) : null)
                    .or(() -> raw(setting)).map(String::trim).filter(v -> !v.isEmpty())
                    .or(() -> Optional.ofNullable(setting.defaultValue()));
        }

        /** The value set as a property or in the environment, without the override or the default. */
        Optional<String> given(Setting setting) {
            return raw(setting).map(String::trim);
        }

        /** Secrets are taken as given: spaces at either end may be part of a password. */
        Optional<Secret> secret(Setting setting) {
            return raw(setting).map(Secret::of);
        }

        /** Secrets the application reads are never taken from a system property: it shows in process lists. */
        Optional<String> fromEnvironment(Setting setting) {
            return Optional.ofNullable(environment.apply(setting.envName())).filter(v -> !v.isBlank());
        }

        private Optional<String> raw(Setting setting) {
            String fromProperty = properties.apply(setting.propertyName());
            if (fromProperty != null && !fromProperty.isBlank()) {
                return Optional.of(fromProperty);
            }
            String fromEnvironment = environment.apply(setting.envName());
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return Optional.of(fromEnvironment);
            }
            return Optional.empty();
        }
    }
}
