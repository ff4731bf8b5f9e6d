package io.cistern.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of start-only setting takes what the launcher and the application take at start, and nothing else. */
class StartSettingTest {
    @Test
    void portsAreWholeNumbersFromOneTo65535() {
        for (StartSetting port : List.of(StartSetting.NFS_PORT, StartSetting.SMB_PORT, StartSetting.HTTP_PORT,
                StartSetting.HTTPS_PORT)) {
            assertEquals("2049", port.normalize(" 2049 "));
            assertEquals("1", port.normalize("1"));
            assertEquals("65535", port.normalize("65535"));
            assertTrue(refusal(port, "0").contains("from 1 to 65535"));
            assertTrue(refusal(port, "65536").contains("from 1 to 65535"));
            assertTrue(refusal(port, "nfs").contains("port number"));
        }
    }

    @Test
    void thePortmapperIsOffOnOrAPort() {
        assertEquals("off", StartSetting.PORTMAPPER.normalize("OFF"));
        assertEquals("on", StartSetting.PORTMAPPER.normalize("on"));
        assertEquals("1111", StartSetting.PORTMAPPER.normalize("1111"));
        assertTrue(refusal(StartSetting.PORTMAPPER, "yes").contains("off, on (port 111) or a port number"));
        assertTrue(refusal(StartSetting.PORTMAPPER, "70000").contains("off, on (port 111) or a port number"));
    }

    @Test
    void bindAddressesAreAddressesOrHostNames() {
        assertEquals("127.0.0.1", StartSetting.HTTP_BIND.normalize("127.0.0.1"));
        assertEquals("::1", StartSetting.NFS_BIND.normalize("::1"));
        assertEquals("localhost", StartSetting.SMB_BIND.normalize("localhost"));
        assertTrue(refusal(StartSetting.HTTP_BIND, "127.0.0.1 8080").contains("IP address or a host name"));
        assertTrue(refusal(StartSetting.HTTP_BIND, "http://x/").contains("IP address or a host name"));
    }

    @Test
    void switchesAreOnOrOff() {
        assertEquals("off", StartSetting.HTTP.normalize("Off"));
        assertEquals("on", StartSetting.DEFAULT_SCHEDULES.normalize("ON"));
        assertTrue(refusal(StartSetting.HTTP, "true").contains("on or off"));
        assertTrue(refusal(StartSetting.DEFAULT_SCHEDULES, "sometimes").contains("on or off"));
    }

    @Test
    void sizesAndCountsAreInTheRangesTheServerReads() {
        assertEquals("16", StartSetting.JOURNAL_CAPACITY_MB.normalize("16"));
        assertTrue(refusal(StartSetting.JOURNAL_CAPACITY_MB, "15").contains("from 16"), "the journal's minimum");
        assertEquals("1", StartSetting.CACHE_MB.normalize("1"));
        assertTrue(refusal(StartSetting.CACHE_MB, "0").contains("from 1 to 1048576"));
        assertTrue(refusal(StartSetting.CACHE_MB, "1048577").contains("from 1 to 1048576"));
        assertEquals("0", StartSetting.NLM_GRACE_SECONDS.normalize("0"), "no grace period");
        assertTrue(refusal(StartSetting.NLM_GRACE_SECONDS, "-1").contains("from 0"));
        assertTrue(refusal(StartSetting.READY_TIMEOUT, "0").contains("from 1 to 86400"));
        assertEquals("86400", StartSetting.READY_TIMEOUT.normalize("86400"));
        assertTrue(refusal(StartSetting.NFS_IO_THREADS, "257").contains("from 1 to 256"));
        assertTrue(refusal(StartSetting.SMB_IO_THREADS, "0").contains("from 1 to 256"));
        assertTrue(refusal(StartSetting.NFS_WORKERS, "1025").contains("from 1 to 1024"));
        assertEquals("1024", StartSetting.SMB_WORKERS.normalize("1024"));
        assertTrue(refusal(StartSetting.SMB_WORKERS, "eight").contains("whole number"));
    }

    @Test
    void javaOptionsAndTheKeystoreHaveTheFormTheLauncherCarries() {
        assertEquals("-Xmx2g -XX:+UseG1GC", StartSetting.JAVA_OPTS.normalize("  -Xmx2g   -XX:+UseG1GC "));
        assertTrue(refusal(StartSetting.JAVA_OPTS, "-Xmx2g Xms1g").contains("each starting with '-'"));
        assertEquals("/etc/cistern/tls.p12", StartSetting.TLS_KEYSTORE.normalize("/etc/cistern/./tls.p12"));
        assertTrue(refusal(StartSetting.TLS_KEYSTORE, "tls.p12").contains("absolute path"));
        assertTrue(refusal(StartSetting.TLS_KEYSTORE, "/etc/my tls.p12").contains("without spaces"));
        assertTrue(refusal(StartSetting.TLS_KEYSTORE, "/etc/${x}.p12").contains("without spaces"));
    }

    @Test
    void emptyValuesAndLineBreaksAreRefused() {
        assertTrue(refusal(StartSetting.NFS_PORT, " ").contains("needs a value"));
        assertTrue(refusal(StartSetting.JAVA_OPTS, "-Xmx1g\n-Xms1g").contains("control characters"),
                "a line break would end the value in the launcher's hand-over");
    }

    @Test
    void theDataDirectoryTheDatabaseSecretsTheStoreAndSingleSignOnCannotBeChanged() {
        assertTrue(StartSetting.refusalReason("CISTERN_DATA_DIR").orElseThrow().contains("data directory"));
        assertTrue(StartSetting.refusalReason("CISTERN_DB_URL").orElseThrow().contains("database"));
        assertTrue(StartSetting.refusalReason("CISTERN_DB_USER").orElseThrow().contains("database"));
        for (String secret : List.of("CISTERN_DB_PASSWORD", "CISTERN_ADMIN_PASSWORD", "CISTERN_TLS_KEYSTORE_PASSWORD",
                "CISTERN_OIDC_CLIENT_SECRET", "CISTERN_S3_SECRET_KEY")) {
            assertTrue(StartSetting.refusalReason(secret).orElseThrow().contains("secret"), secret);
        }
        assertTrue(StartSetting.refusalReason("CISTERN_STORE").orElseThrow().contains("block store"));
        assertTrue(StartSetting.refusalReason("CISTERN_S3_BUCKET").orElseThrow().contains("block store"));
        assertTrue(StartSetting.refusalReason("CISTERN_OIDC_ISSUER").orElseThrow().contains("single sign-on"));
        assertFalse(StartSetting.refusalReason("CISTERN_NFS_PORT").isPresent());
        assertFalse(StartSetting.refusalReason("CISTERN_NO_SUCH_THING").isPresent());
        for (StartSetting setting : StartSetting.values()) {
            assertFalse(StartSetting.refusalReason(setting.envName()).isPresent(), setting.envName());
            assertTrue(RuntimeSetting.byEnvName(setting.envName()).isEmpty(), "start-only or runtime, never both");
        }
    }

    private static String refusal(StartSetting setting, String value) {
        return assertThrows(IllegalArgumentException.class, () -> setting.normalize(value)).getMessage();
    }
}
