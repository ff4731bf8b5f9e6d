package io.cistern.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeSettingTest {
    @Test
    void valuesAreStoredInTheFormTheSettingsAreReadIn() {
        assertEquals("true", RuntimeSetting.SMB_SIGNING_REQUIRED.normalize(" TRUE "));
        assertEquals("false", RuntimeSetting.SMB_ENCRYPTION_REQUIRED.normalize("False"));
        assertEquals("200", RuntimeSetting.AUDIT_MB_PER_SECOND.normalize("200"));
        assertEquals("0", RuntimeSetting.GC_GRACE_SECONDS.normalize("0"));
        assertEquals("FINE", RuntimeSetting.LOG_LEVEL.normalize("fine"));
        assertEquals("1", RuntimeSetting.SMB_LOGON_FAILURES_PER_MINUTE.normalize("1"));
    }

    @Test
    void badValuesAreRefusedSayingWhatTheSettingTakes() {
        assertTrue(refusal(RuntimeSetting.SMB_SIGNING_REQUIRED, "yes").contains("true or false"));
        assertTrue(refusal(RuntimeSetting.AUDIT_MB_PER_SECOND, "0").contains("at least 1"));
        assertTrue(refusal(RuntimeSetting.AUDIT_MB_PER_SECOND, "fast").contains("whole number"));
        assertTrue(refusal(RuntimeSetting.GC_GRACE_SECONDS, "-1").contains("from 0"));
        assertTrue(refusal(RuntimeSetting.LOG_LEVEL, "ALL").contains("SEVERE, WARNING, INFO"));
        assertTrue(refusal(RuntimeSetting.LOG_LEVEL, " ").contains("needs a value"));
        assertTrue(refusal(RuntimeSetting.SMB_LOGON_FAILURES_PER_MINUTE, "0").contains("from 1 to 10000"));
        assertTrue(refusal(RuntimeSetting.SMB_LOGON_FAILURES_PER_MINUTE, "10001").contains("from 1 to 10000"));
    }

    @Test
    void anOverrideWinsOverTheEnvironmentAndTheDefaultAndIsSaidToBeOne() {
        assertEquals(SettingSource.DEFAULT, CisternSettings.source("cistern.log.level", "CISTERN_LOG_LEVEL"));
        Map<String, EffectiveSetting> viewed = SettingOverrides.readingWith(Map.of("CISTERN_LOG_LEVEL", "FINE",
                "CISTERN_GC_GRACE_SECONDS", "60"), () -> Map.of(
                "level", byName("CISTERN_LOG_LEVEL"), "grace", byName("CISTERN_GC_GRACE_SECONDS")));
        assertEquals("FINE", viewed.get("level").value());
        assertEquals(SettingSource.OVERRIDE, viewed.get("level").source());
        assertEquals("60", viewed.get("grace").value());
        assertTrue(viewed.get("grace").runtime());
        assertEquals("INFO", byName("CISTERN_LOG_LEVEL").value(), "only on the thread, only while reading");
    }

    @Test
    void secretsAndStartOnlySettingsAreNotRuntime() {
        assertTrue(RuntimeSetting.byEnvName("CISTERN_ADMIN_PASSWORD").isEmpty());
        assertTrue(RuntimeSetting.byEnvName("CISTERN_CACHE_MB").isEmpty());
        assertEquals(false, byName("CISTERN_TLS_KEYSTORE_PASSWORD").runtime());
        assertEquals("unset", byName("CISTERN_TLS_KEYSTORE_PASSWORD").value());
    }

    private static EffectiveSetting byName(String name) {
        return EffectiveSettings.all().stream().filter(setting -> setting.name().equals(name)).findFirst().orElseThrow();
    }

    private static String refusal(RuntimeSetting setting, String value) {
        return assertThrows(IllegalArgumentException.class, () -> setting.normalize(value)).getMessage();
    }
}
