package io.cistern.core.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The runtime overrides in effect ({@link RuntimeSetting}, stored in {@code setting_override}), by environment name.
 * {@link CisternSettings} asks here before the process's properties and environment, so every reader of a setting
 * sees a change at its next read. Written only by {@link RuntimeSettings}, after the change committed; a whole new map
 * each time, so a reader never sees half a change.
 */
public final class SettingOverrides {
    private static volatile Map<String, String> current = Map.of();
    /** Set only while {@link #readingWith} runs on this thread. */
    private static final ThreadLocal<Map<String, String>> PROPOSED = new ThreadLocal<>();

    private SettingOverrides() {
    }

    public static Optional<String> get(String envName) {
        Map<String, String> proposed = PROPOSED.get();
        return Optional.ofNullable((proposed != null ? proposed : current).get(envName));
    }

    static Map<String, String> all() {
        return current;
    }

    /** What {@code read} answers on this thread when {@code overrides} are the ones in effect, before they are. */
    static <T> T readingWith(Map<String, String> overrides, Supplier<T> read) {
        PROPOSED.set(overrides);
        try {
            return read.get();
        } finally {
            PROPOSED.remove();
        }
    }

    static void replace(Map<String, String> overrides) {
        current = Map.copyOf(overrides);
    }
}
