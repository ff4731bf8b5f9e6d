package io.cistern.launcher;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The launcher's settings, resolved once at start: for each {@link Setting} the system property wins over
 * the environment variable, which wins over the default. Blank values count as unset. Invalid values fail
 * with a {@link LauncherException} that names the setting.
 */
final class Settings {
    /** Threads a connector pool keeps beyond the adapter's I/O threads and workers (timers, stop, spares). */
    static final int POOL_HEADROOM = 4;

    final Path dataDir;
    final Endpoint nfs;
    final Endpoint smb;
    final Endpoint http;
    final Optional<String> dbUrl;
    final String dbUser;
    final Optional<Secret> dbPassword;
    final Optional<Secret> adminPassword;
    final List<String> javaOpts;
    final Duration readyTimeout;
    final AdapterThreads nfsThreads;
    final AdapterThreads smbThreads;

    /** A listener: protocol name as printed ("NFS"), bind address and port. */
    record Endpoint(String protocol, String bindAddress, int port) {
    }

    /** Thread counts of one resource adapter; the connector pool needs all of them at once, plus headroom. */
    record AdapterThreads(int ioThreads, int workers) {
        int poolSize() {
            return ioThreads + workers + POOL_HEADROOM;
        }
    }

    private Settings(Lookup lookup) {
        dataDir = path(lookup, Setting.DATA_DIR);
        nfs = new Endpoint("NFS", text(lookup, Setting.NFS_BIND), port(lookup, Setting.NFS_PORT));
        smb = new Endpoint("SMB", text(lookup, Setting.SMB_BIND), port(lookup, Setting.SMB_PORT));
        http = new Endpoint("HTTP", text(lookup, Setting.HTTP_BIND), port(lookup, Setting.HTTP_PORT));
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
        requireDistinctPorts();
    }

    /** Resolves from this JVM's system properties and environment. */
    static Settings fromSystem() {
        return resolve(System::getProperty, System::getenv);
    }

    /** Resolves from the given sources; the tests pass maps here. */
    static Settings resolve(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        return new Settings(new Lookup(properties, environment));
    }

    boolean embeddedDatabase() {
        return dbUrl.isEmpty();
    }

    List<Endpoint> endpoints() {
        return List.of(nfs, smb, http);
    }

    private void requireDistinctPorts() {
        if (nfs.port == smb.port || nfs.port == http.port || smb.port == http.port) {
            throw new LauncherException("NFS, SMB and HTTP need three different ports, got NFS " + nfs.port
                    + ", SMB " + smb.port + ", HTTP " + http.port);
        }
    }

    private static String text(Lookup lookup, Setting setting) {
        return lookup.value(setting).orElseThrow(() -> new LauncherException(setting.label() + " must not be empty"));
    }

    private static Path path(Lookup lookup, Setting setting) {
        String raw = text(lookup, setting);
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

    /** Property, then environment, then default; blank counts as unset. */
    private record Lookup(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        Optional<String> value(Setting setting) {
            return raw(setting).map(String::trim).or(() -> Optional.ofNullable(setting.defaultValue()));
        }

        /** Secrets are taken as given: spaces at either end may be part of a password. */
        Optional<Secret> secret(Setting setting) {
            return raw(setting).map(Secret::of);
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
