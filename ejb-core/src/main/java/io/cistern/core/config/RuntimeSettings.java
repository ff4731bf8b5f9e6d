package io.cistern.core.config;

import io.cistern.core.model.SettingOverride;
import io.cistern.core.tx.TransactionEnd;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Changes {@link RuntimeSetting}s while the server runs: an override is stored in {@code setting_override} and, once
 * its transaction committed, put into {@link SettingOverrides}, where {@link CisternSettings} finds it at the next
 * read. At start the stored overrides are loaded before anything reads them that matters (this is a startup
 * singleton), and the log level is applied.
 */
@Singleton
@Startup
public class RuntimeSettings {
    private static final Logger LOG = Logger.getLogger(RuntimeSettings.class.getName());

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void load() {
        Map<String, String> loaded = new HashMap<>();
        try {
            for (SettingOverride row : em.createQuery("SELECT s FROM SettingOverride s", SettingOverride.class)
                    .getResultList()) {
                usable(row).ifPresent(value -> loaded.put(row.getName(), value));
            }
        } catch (RuntimeException e) {
            // the environment's values still make a working server; the overrides come back with the next start
            LOG.log(Level.WARNING, "could not read the settings changed at run time; the environment's values apply", e);
        }
        SettingOverrides.replace(loaded);
        applyLogLevel();
    }

    /**
     * Applies {@code changes} (environment name to new value; a null value removes the override, so that the
     * environment's value or the default counts again), all or nothing: every one is checked before any is stored.
     * Returns each setting's old and new value in effect.
     */
    @Lock(LockType.WRITE)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<SettingChange> change(Map<String, String> changes, String changedBy) {
        Map<String, String> startOnly = new LinkedHashMap<>();
        Map<String, String> checked = check(changes, startOnly);
        // checked before anything is stored; stored last, so that a file that cannot be written rolls the rows back
        Optional<StartSettings.Prepared> atNextStart = startOnly.isEmpty() ? Optional.empty()
                : Optional.of(StartSettings.prepare(startOnly));
        Map<String, EffectiveSetting> before = effective();
        Map<String, String> next = new HashMap<>(SettingOverrides.all());
        Instant now = Instant.now();
        for (Map.Entry<String, String> change : checked.entrySet()) {
            SettingOverride row = em.find(SettingOverride.class, change.getKey());
            if (change.getValue() == null) {
                if (row != null) {
                    em.remove(row);
                }
                next.remove(change.getKey());
                continue;
            }
            if (row == null) {
                row = new SettingOverride(change.getKey());
                em.persist(row);
            }
            row.set(change.getValue(), changedBy, now);
            next.put(change.getKey(), change.getValue());
        }
        em.flush();
        afterCommit(next);
        Map<String, EffectiveSetting> after = SettingOverrides.readingWith(next, RuntimeSettings::effective);
        List<SettingChange> result = new ArrayList<>();
        for (String name : checked.keySet()) {
            result.add(new SettingChange(name, before.get(name).value(), after.get(name).value(),
                    after.get(name).source()));
        }
        atNextStart.ifPresent(prepared -> {
            prepared.store();
            result.addAll(prepared.changes());
            LOG.info(() -> changedBy + " changed settings for the next start: " + prepared.changes().stream()
                    .map(SettingChange::describe).toList());
        });
        return result;
    }

    /**
     * The runtime settings' normalized values by name, in the request's order; start-only ones are put into
     * {@code startOnly} as given (checked by {@link StartSettings}); unknown, unchangeable and bad ones refused.
     */
    private static Map<String, String> check(Map<String, String> changes, Map<String, String> startOnly) {
        if (changes == null || changes.isEmpty()) {
            throw new SettingException("invalid_value", "settings", "give at least one setting, e.g."
                    + " {\"CISTERN_SMB_SIGNING_REQUIRED\": \"true\"}");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String name = change.getKey();
            if (StartSetting.byEnvName(name).isPresent()) {
                startOnly.put(name, change.getValue());
                continue;
            }
            RuntimeSetting setting = RuntimeSetting.byEnvName(name).orElseThrow(() -> refusal(name));
            try {
                checked.put(name, change.getValue() == null ? null : setting.normalize(change.getValue()));
            } catch (IllegalArgumentException e) {
                throw new SettingException("invalid_value", name, name + " " + e.getMessage());
            }
        }
        return checked;
    }

    private static SettingException refusal(String name) {
        Optional<String> reason = StartSetting.refusalReason(name);
        if (reason.isPresent()) {
            return new SettingException("not_changeable", name, name + " cannot be changed through the API: "
                    + reason.get() + " (set it in the environment and restart)");
        }
        boolean known = EffectiveSettings.all().stream().anyMatch(setting -> setting.name().equals(name));
        return known
                ? new SettingException("not_changeable", name, name + " cannot be changed through the API (set it in"
                        + " the environment and restart)")
                : new SettingException("unknown_setting", name, name + " is not a setting; those that can change"
                        + " through the API: " + String.join(", ", changeableNames()));
    }

    private static List<String> changeableNames() {
        List<String> names = new ArrayList<>();
        java.util.Arrays.stream(RuntimeSetting.values()).map(RuntimeSetting::envName).forEach(names::add);
        java.util.Arrays.stream(StartSetting.values()).map(StartSetting::envName).forEach(names::add);
        return names;
    }

    /** Only once the rows are committed: a rolled-back change must not count in memory. */
    private static void afterCommit(Map<String, String> next) {
        TransactionEnd.afterCommit(() -> {
            SettingOverrides.replace(next);
            applyLogLevel();
        });
    }

    /** A level the environment gets wrong is said in the log and leaves the loggers as they are: no failed start. */
    private static void applyLogLevel() {
        try {
            CisternLogLevel.apply(CisternSettings.logLevel());
        } catch (IllegalArgumentException e) {
            LOG.warning("the log level stays as it is: " + e.getMessage());
        }
    }

    private static Map<String, EffectiveSetting> effective() {
        Map<String, EffectiveSetting> all = new HashMap<>();
        EffectiveSettings.all().forEach(setting -> all.put(setting.name(), setting));
        return all;
    }

    /** A stored value this version still accepts; one it does not is ignored (and said so) rather than failing the start. */
    private static Optional<String> usable(SettingOverride row) {
        Optional<RuntimeSetting> setting = RuntimeSetting.byEnvName(row.getName());
        if (setting.isEmpty()) {
            LOG.warning("ignoring the stored setting " + row.getName() + ": it cannot change at run time");
            return Optional.empty();
        }
        try {
            return Optional.of(setting.get().normalize(row.getValue()));
        } catch (IllegalArgumentException e) {
            LOG.warning("ignoring the stored value of " + row.getName() + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
