package io.cistern.core.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings the application reads from its process: each a Java system property (set by the launcher
 * or the domain) or else an environment variable, or a default.
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

    private static Optional<String> value(String property, String environmentVariable) {
        String fromProperty = System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Optional.of(fromProperty);
        }
        return Optional.ofNullable(System.getenv(environmentVariable)).filter(v -> !v.isBlank());
    }
}
