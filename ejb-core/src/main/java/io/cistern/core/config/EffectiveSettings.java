package io.cistern.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The settings {@link CisternSettings} reads, with the values in effect and where each comes from, for an
 * administrator to look at; and the launcher's settings ({@link StartSetting}: listeners, HTTPS, JVM options, thread
 * counts), which it hands to the application's environment so that they can be shown here, each with the value
 * waiting for the next start when an admin changed it. Secrets (the initial admin password, the S3 secret key, the keystore's password) are told as
 * set or unset, never shown.
 */
public final class EffectiveSettings {
    public static final String SET = "set";
    public static final String UNSET = "unset";
    private static final long MIB = 1 << 20;

    private EffectiveSettings() {
    }

    /** Every setting, in the order of the README's table. */
    public static List<EffectiveSetting> all() {
        Map<String, String> stored = StartSettings.changeable() ? StartSettings.storedOrNone() : Map.of();
        List<EffectiveSetting> all = new ArrayList<>();
        all.add(plain("CISTERN_DATA_DIR", "cistern.data.dir", () -> CisternSettings.dataDirectory().toString(),
                "data directory"));
        all.add(secret("CISTERN_ADMIN_PASSWORD", CisternSettings.initialAdminPassword(),
                "password of the initial admin user"));
        all.add(plain("CISTERN_JOURNAL_CAPACITY_MB", "cistern.journal.capacity.mb",
                () -> mebibytes(CisternSettings.journalCapacityBytes()), "MiB the journal may hold"));
        all.add(plain("CISTERN_CACHE_MB", "cistern.cache.mb", () -> mebibytes(CisternSettings.blockCacheBytes()),
                "MiB of memory for verified blocks"));
        all.add(plain("CISTERN_AUDIT_MB_PER_SECOND", "cistern.audit.mb.per.second",
                () -> mebibytes(CisternSettings.auditBytesPerSecond()), "MiB per second the audit reads at most"));
        all.add(plain("CISTERN_DEFAULT_SCHEDULES", "cistern.default.schedules",
                () -> CisternSettings.defaultSchedules() ? "on" : "off", "default job schedules"));
        all.add(plain("CISTERN_GC_GRACE_SECONDS", "cistern.gc.grace.seconds",
                () -> Long.toString(CisternSettings.gcGraceSeconds()), "seconds an unreferenced block is kept"));
        all.add(plain("CISTERN_NLM_GRACE_SECONDS", "cistern.nlm.grace.seconds",
                () -> Integer.toString(CisternSettings.nlmGraceSeconds()), "NLM grace period after a start"));
        all.add(plain("CISTERN_SMB_SIGNING_REQUIRED", "cistern.smb.signing.required",
                () -> Boolean.toString(CisternSettings.smbSigningRequired()), "every SMB session signed"));
        all.add(plain("CISTERN_SMB_ENCRYPTION_REQUIRED", "cistern.smb.encryption.required",
                () -> Boolean.toString(CisternSettings.smbEncryptionRequired()), "every SMB session encrypted"));
        all.add(plain("CISTERN_SMB_LOGON_FAILURES_PER_MINUTE", "cistern.smb.logon.failures.per.minute",
                () -> Integer.toString(CisternSettings.smbLogonFailuresPerMinute()),
                "failed SMB logons a minute that make a client address wait"));
        all.add(plain("CISTERN_LOG_LEVEL", "cistern.log.level", () -> CisternSettings.logLevel().getName(),
                "level of Cistern's own log records"));
        all.addAll(store());
        all.addAll(https());
        for (StartSetting setting : StartSetting.values()) {
            if (all.stream().noneMatch(shown -> shown.name().equals(setting.envName()))) {
                all.add(plain(setting.envName(), setting.propertyName(), () -> StartSettings.current(setting),
                        setting.description()));
            }
        }
        return all.stream().map(shown -> withPendingRestart(shown, stored)).toList();
    }

    /** A changeable start-only setting with the value the next start will use, when it differs from the one now. */
    private static EffectiveSetting withPendingRestart(EffectiveSetting shown, Map<String, String> stored) {
        Optional<StartSetting> startOnly = StartSetting.byEnvName(shown.name());
        if (startOnly.isEmpty() || !shown.changeable()) {
            return shown;
        }
        return new EffectiveSetting(shown.name(), shown.property(), shown.value(), shown.secret(), shown.source(),
                shown.runtime(), shown.takesEffect(), shown.description(), true,
                StartSettings.pendingRestart(startOnly.get(), stored).orElse(null));
    }

    /** Read by the launcher, which configures Payara's listeners with them; shown here, the password only as set. */
    private static List<EffectiveSetting> https() {
        return List.of(
                plain("CISTERN_HTTPS_PORT", "cistern.https.port",
                        () -> CisternSettings.raw("cistern.https.port", "CISTERN_HTTPS_PORT").orElse(null),
                        "HTTPS port of the admin API and console (unset: no HTTPS)"),
                plain("CISTERN_TLS_KEYSTORE", "cistern.tls.keystore",
                        () -> CisternSettings.raw("cistern.tls.keystore", "CISTERN_TLS_KEYSTORE").orElse(null),
                        "PKCS#12 keystore with the HTTPS certificate and key"),
                secret("CISTERN_TLS_KEYSTORE_PASSWORD",
                        Optional.ofNullable(System.getenv("CISTERN_TLS_KEYSTORE_PASSWORD")).filter(v -> !v.isEmpty()),
                        "password of the keystore"),
                plain("CISTERN_HTTP", "cistern.http",
                        () -> CisternSettings.raw("cistern.http", "CISTERN_HTTP").orElse("on"),
                        "plain HTTP listener: on, or off (HTTPS only)"));
    }

    private static List<EffectiveSetting> store() {
        ConfiguredStore store = ConfiguredStore.fromSettings();
        return List.of(
                plain("CISTERN_STORE", "cistern.store", store::kind, "block store: filesystem or s3"),
                plain("CISTERN_S3_ENDPOINT", "cistern.s3.endpoint", () -> CisternSettings.s3("endpoint").orElse(null),
                        "S3 endpoint (unset: AWS)"),
                plain("CISTERN_S3_BUCKET", "cistern.s3.bucket", () -> CisternSettings.s3("bucket").orElse(null),
                        "S3 bucket"),
                plain("CISTERN_S3_PREFIX", "cistern.s3.prefix", () -> CisternSettings.s3("prefix").orElse(null),
                        "S3 key prefix"),
                plain("CISTERN_S3_REGION", "cistern.s3.region", () -> CisternSettings.s3("region").orElse(null),
                        "S3 signing region (unset: us-east-1)"),
                plain("CISTERN_S3_PATH_STYLE", "cistern.s3.path.style",
                        () -> Boolean.toString(CisternSettings.s3PathStyle()), "S3 path-style addressing"),
                new EffectiveSetting("CISTERN_S3_ACCESS_KEY", "cistern.s3.access.key",
                        CisternSettings.s3("access_key").map(ConfiguredStore::mask).orElse(UNSET), true,
                        CisternSettings.source("cistern.s3.access.key", "CISTERN_S3_ACCESS_KEY"), false, null,
                        "S3 access key id (masked)", false, null),
                secret("CISTERN_S3_SECRET_KEY", CisternSettings.s3SecretKey(), "S3 secret key"));
    }

    /**
     * A setting with its value; one the application would refuse at start is shown with why. A start-only setting
     * that may change through the API also shows the value waiting for the next start, if any.
     */
    private static EffectiveSetting plain(String name, String property, Supplier<String> value, String description) {
        String shown;
        try {
            shown = value.get();
        } catch (IllegalArgumentException e) {
            shown = "invalid: " + e.getMessage();
        }
        String source = CisternSettings.source(property, name);
        Optional<RuntimeSetting> runtime = RuntimeSetting.byEnvName(name);
        if (runtime.isPresent()) {
            return new EffectiveSetting(name, property, shown, false, source, true, runtime.get().takesEffect(),
                    description, true, null);
        }
        Optional<StartSetting> startOnly = StartSetting.byEnvName(name);
        boolean changeable = startOnly.isPresent() && StartSettings.changeable();
        return new EffectiveSetting(name, property, shown, false, source, false,
                changeable ? StartSettings.NEXT_START : null, description, changeable, null);
    }

    private static EffectiveSetting secret(String name, Optional<String> value, String description) {
        return new EffectiveSetting(name, null, value.isPresent() ? SET : UNSET, true,
                value.isPresent() ? SettingSource.ENVIRONMENT : SettingSource.DEFAULT, false, null, description, false,
                null);
    }

    private static String mebibytes(long bytes) {
        return Long.toString(bytes / MIB);
    }
}
