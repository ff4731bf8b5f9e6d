package io.cistern.core.config;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Changes of {@link StartSetting}s: each checked as the next start would check it, stored in
 * {@link StartOverrides}'s file, and shown beside the value in effect until a restart applies it. Called by
 * {@link RuntimeSettings}, under its write lock, so that two changes never interleave on the file.
 */
final class StartSettings {
    /** What the next start takes effect as: the takesEffect of every start-only setting. */
    static final String NEXT_START = "the next start";
    private static final Logger LOG = Logger.getLogger(StartSettings.class.getName());

    /** A checked change, not yet stored. */
    record Prepared(Path file, Map<String, String> stored, List<SettingChange> changes) {
        /** Writes the file; the launcher reads it at the next start. */
        void store() {
            StartOverrides.store(file, stored);
        }
    }

    private StartSettings() {
    }

    /**
     * Checks {@code requested} (environment name to value, null removing the override; every name a
     * {@link StartSetting}) against the stored overrides and the machine; a refusal is a {@link SettingException}
     * naming the setting.
     */
    static Prepared prepare(Map<String, String> requested) {
        if (!StartOverrides.startedByLauncher()) {
            String name = requested.keySet().iterator().next();
            throw new SettingException("not_changeable", name, name + " is applied by the launcher at start, and this"
                    + " server was not started by it (cistern run): set it in the server's environment instead");
        }
        Path file = StartOverrides.file();
        Map<String, String> before = StartOverrides.stored(file);
        Map<String, String> after = new TreeMap<>(before);
        Set<StartSetting> changed = new LinkedHashSet<>();
        for (Map.Entry<String, String> change : requested.entrySet()) {
            StartSetting setting = StartSetting.byEnvName(change.getKey()).orElseThrow();
            changed.add(setting);
            if (change.getValue() == null) {
                after.remove(setting.envName());
                continue;
            }
            try {
                after.put(setting.envName(), setting.normalize(change.getValue()));
            } catch (IllegalArgumentException e) {
                throw new SettingException("invalid_value", setting.envName(), setting.envName() + " " + e.getMessage());
            }
        }
        StartSettingChecks.check(new StartSettingChecks.Proposal(all(setting -> nextStart(setting, after)),
                all(StartSettings::current), changed, System::getenv));
        List<SettingChange> changes = new ArrayList<>();
        for (StartSetting setting : changed) {
            changes.add(new SettingChange(setting.envName(), shown(nextStart(setting, before)),
                    shown(nextStart(setting, after)), sourceAtNextStart(setting, after), true));
        }
        return new Prepared(file, after, changes);
    }

    /** The value in effect now (an applied override, else the environment, else the default); null when unset. */
    static String current(StartSetting setting) {
        return normalized(setting, CisternSettings.raw(setting.propertyName(), setting.envName())
                .orElse(setting.defaultValue()));
    }

    /**
     * The value the next start will use, when it differs from the one in effect: {@code unset} when an override that
     * set it is removed; empty when nothing waits for a restart.
     */
    static Optional<String> pendingRestart(StartSetting setting, Map<String, String> stored) {
        String next = nextStart(setting, stored);
        return Objects.equals(next, current(setting)) ? Optional.empty() : Optional.of(shown(next));
    }

    /** Whether the API may change start-only settings here: only a server the launcher started applies them. */
    static boolean changeable() {
        return StartOverrides.startedByLauncher();
    }

    private static String nextStart(StartSetting setting, Map<String, String> stored) {
        return normalized(setting, Optional.ofNullable(stored.get(setting.envName()))
                .or(() -> CisternSettings.fromEnvironment(setting.propertyName(), setting.envName()))
                .orElse(setting.defaultValue()));
    }

    private static String sourceAtNextStart(StartSetting setting, Map<String, String> stored) {
        if (stored.containsKey(setting.envName())) {
            return SettingSource.OVERRIDE;
        }
        return CisternSettings.fromEnvironment(setting.propertyName(), setting.envName()).isPresent()
                ? SettingSource.ENVIRONMENT : SettingSource.DEFAULT;
    }

    /** The stored overrides, for {@link #pendingRestart}; none (and a warning) when the file cannot be read. */
    static Map<String, String> storedOrNone() {
        try {
            return StartOverrides.stored(StartOverrides.file());
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "cannot read the start-only settings changed through the API", e);
            return Map.of();
        }
    }

    private static Map<StartSetting, String> all(java.util.function.Function<StartSetting, String> value) {
        Map<StartSetting, String> values = new EnumMap<>(StartSetting.class);
        for (StartSetting setting : StartSetting.values()) {
            values.put(setting, value.apply(setting));
        }
        return values;
    }

    /** In the stored form when it has one, so that "ON" in the environment and "on" stored compare equal. */
    private static String normalized(StartSetting setting, String value) {
        if (value == null) {
            return null;
        }
        try {
            return setting.normalize(value);
        } catch (IllegalArgumentException e) {
            return value.trim();
        }
    }

    private static String shown(String value) {
        return value == null ? EffectiveSettings.UNSET : value;
    }
}
