package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Settings resolve(Map<String, String> properties, Map<String, String> environment) {
        return Settings.resolve(properties::get, environment::get);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Settings settings = resolve(Map.of(), Map.of());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), settings.dataDir);
        assertEquals(new Settings.Endpoint("NFS", "0.0.0.0", 12049, Setting.NFS_BIND), settings.nfs);
        assertEquals(new Settings.Endpoint("SMB", "0.0.0.0", 12445, Setting.SMB_BIND), settings.smb);
        assertEquals(new Settings.Endpoint("HTTP", "127.0.0.1", 8080, Setting.HTTP_BIND), settings.http);
        assertTrue(settings.embeddedDatabase());
        assertTrue(settings.adminPassword.isEmpty());
        assertEquals(List.of("-Xmx1g"), settings.javaOpts);
        assertEquals(Duration.ofSeconds(300), settings.readyTimeout);
        assertEquals(14, settings.nfsThreads.poolSize(), "2 I/O threads + 8 workers + 4 headroom");
        assertEquals(14, settings.smbThreads.poolSize());
        assertEquals(0, settings.portmapperPort, "no portmapper unless asked for");
        assertEquals(111, settings.nlmClientPortmapperPort, "clients' portmappers are where every client has them");
        assertEquals(List.of("NFS", "SMB", "HTTP"), settings.endpoints().stream().map(Settings.Endpoint::protocol).toList());
    }

    @Test
    void portmapperIsOffOnOrAPort() {
        assertEquals(0, resolve(Map.of(), Map.of("CISTERN_PORTMAPPER", "OFF")).portmapperPort);
        assertEquals(111, resolve(Map.of("cistern.portmapper", " on "), Map.of()).portmapperPort);
        Settings settings = resolve(Map.of(), Map.of("CISTERN_PORTMAPPER", "10111", "CISTERN_NFS_BIND", "127.0.0.1"));
        assertEquals(10111, settings.portmapperPort);
        assertTrue(settings.endpoints().contains(new Settings.Endpoint("portmapper", "127.0.0.1", 10111, Setting.NFS_BIND)),
                "checked before start like every listener, on NFS's address: " + settings.endpoints());
    }

    @Test
    void theClientHostsPortmapperIsAPortNumber() {
        assertEquals(20111, resolve(Map.of(), Map.of("CISTERN_NLM_CLIENT_PORTMAPPER_PORT", "20111"))
                .nlmClientPortmapperPort);
        LauncherException e = assertThrows(LauncherException.class,
                () -> resolve(Map.of(), Map.of("CISTERN_NLM_CLIENT_PORTMAPPER_PORT", "on")));
        assertEquals("CISTERN_NLM_CLIENT_PORTMAPPER_PORT (property cistern.nlm.client.portmapper.port) must be a port"
                + " number from 1 to 65535, got 'on'", e.getMessage());
    }

    @Test
    void aPortmapperValueThatIsNeitherFailsWithTheSettingsName() {
        LauncherException e = assertThrows(LauncherException.class,
                () -> resolve(Map.of(), Map.of("CISTERN_PORTMAPPER", "yes")));
        assertEquals("CISTERN_PORTMAPPER (property cistern.portmapper) must be off, on (port 111) or a port number"
                + " from 1 to 65535, got 'yes'", e.getMessage());
        assertThrows(LauncherException.class, () -> resolve(Map.of(), Map.of("CISTERN_PORTMAPPER", "0")));
        assertThrows(LauncherException.class, () -> resolve(Map.of(), Map.of("CISTERN_PORTMAPPER", "65536")));
    }

    @Test
    void thePortmapperCannotShareAPortWithAnotherListener() {
        LauncherException e = assertThrows(LauncherException.class,
                () -> resolve(Map.of(), Map.of("CISTERN_PORTMAPPER", "12049")));
        assertEquals("CISTERN_PORTMAPPER (property cistern.portmapper) asks for port 12049, which is the NFS port",
                e.getMessage());
    }

    @Test
    void propertyWinsOverEnvironmentWhichWinsOverDefault() {
        Settings settings = resolve(
                Map.of("cistern.nfs.port", "2049"),
                Map.of("CISTERN_NFS_PORT", "3049", "CISTERN_SMB_PORT", "4445"));
        assertEquals(2049, settings.nfs.port());
        assertEquals(4445, settings.smb.port());
        assertEquals(8080, settings.http.port());
    }

    @Test
    void blankValuesCountAsUnset() {
        Settings settings = resolve(Map.of("cistern.http.port", "  "), Map.of("CISTERN_HTTP_PORT", "9090",
                "CISTERN_DB_URL", ""));
        assertEquals(9090, settings.http.port());
        assertTrue(settings.embeddedDatabase());
    }

    @Test
    void propertyNamesFollowTheEnvironmentNames() {
        assertEquals("cistern.data.dir", Setting.DATA_DIR.propertyName());
        assertEquals("cistern.db.password", Setting.DB_PASSWORD.propertyName());
        assertEquals("CISTERN_READY_TIMEOUT", Setting.READY_TIMEOUT.envName());
    }

    @Test
    void aPortThatIsNotANumberFailsWithTheSettingsName() {
        LauncherException e = assertThrows(LauncherException.class,
                () -> resolve(Map.of(), Map.of("CISTERN_SMB_PORT", "smb")));
        assertEquals("CISTERN_SMB_PORT (property cistern.smb.port) must be a port number from 1 to 65535, got 'smb'",
                e.getMessage());
    }

    @Test
    void aPortOutOfRangeFails() {
        assertThrows(LauncherException.class, () -> resolve(Map.of("cistern.http.port", "65536"), Map.of()));
        assertThrows(LauncherException.class, () -> resolve(Map.of("cistern.http.port", "0"), Map.of()));
    }

    @Test
    void twoListenersOnOnePortFail() {
        LauncherException e = assertThrows(LauncherException.class,
                () -> resolve(Map.of(), Map.of("CISTERN_SMB_PORT", "12049")));
        assertTrue(e.getMessage().contains("three different ports"), e.getMessage());
    }

    @Test
    void timeoutAndThreadCountsMustBePositive() {
        assertThrows(LauncherException.class, () -> resolve(Map.of(), Map.of("CISTERN_READY_TIMEOUT", "-1")));
        assertThrows(LauncherException.class, () -> resolve(Map.of(), Map.of("CISTERN_NFS_WORKERS", "0")));
        Settings settings = resolve(Map.of(), Map.of("CISTERN_NFS_IO_THREADS", "4", "CISTERN_NFS_WORKERS", "16"));
        assertEquals(24, settings.nfsThreads.poolSize());
    }

    @Test
    void secretsAreKeptAsGivenAndNeverPrinted() {
        Settings settings = resolve(Map.of(), Map.of("CISTERN_DB_URL", "jdbc:postgresql://db/cistern",
                "CISTERN_DB_PASSWORD", " with spaces ", "CISTERN_ADMIN_PASSWORD", "admin-secret"));
        assertEquals(" with spaces ", settings.dbPassword.orElseThrow().reveal());
        assertEquals("admin-secret", settings.adminPassword.orElseThrow().reveal());
        assertEquals("****", settings.adminPassword.orElseThrow().toString());
    }

    @Test
    void javaOptionsAreSplitAtWhitespace() {
        Settings settings = resolve(Map.of("cistern.java.opts", " -Xmx2g  -XX:+UseG1GC "), Map.of());
        assertEquals(List.of("-Xmx2g", "-XX:+UseG1GC"), settings.javaOpts);
    }

    @Test
    void applicationSettingsReachPayarasEnvironmentAndTheS3SecretOnlyFromTheEnvironment() {
        Settings defaults = resolve(Map.of("cistern.cache.mb", "256"), Map.of());
        assertEquals(Map.of("CISTERN_CACHE_MB", "256"), defaults.forApplication,
                "defaults are the application's own: only what was set (and the cache size chosen) is handed over, so"
                + " that GET settings can tell a default from a value set in the environment");
        assertEquals("FINE", resolve(Map.of("cistern.log.level", " FINE "), Map.of()).forApplication
                .get("CISTERN_LOG_LEVEL"));

        Settings s3 = resolve(Map.of("cistern.store", "s3", "cistern.s3.bucket", "b",
                        "cistern.s3.secret.key", "from-a-property"),
                Map.of("CISTERN_S3_ENDPOINT", "http://127.0.0.1:9000"));
        assertEquals("s3", s3.forApplication.get("CISTERN_STORE"));
        assertEquals("b", s3.forApplication.get("CISTERN_S3_BUCKET"));
        assertEquals("http://127.0.0.1:9000", s3.forApplication.get("CISTERN_S3_ENDPOINT"));
        assertTrue(!s3.forApplication.containsKey("CISTERN_S3_SECRET_KEY"), "a secret never comes from a property");
        assertEquals("k", resolve(Map.of(), Map.of("CISTERN_S3_SECRET_KEY", "k")).forApplication
                .get("CISTERN_S3_SECRET_KEY"));
    }

    @Test
    void theCacheIsAnEighthOfTheMachinesMemoryWithinBoundsUnlessSet() {
        long gib = 1L << 30;
        assertEquals(256, Settings.defaultCacheMebibytes(1 * gib), "a small machine keeps 256 MiB");
        assertEquals(1024, Settings.defaultCacheMebibytes(8 * gib));
        assertEquals(2048, Settings.defaultCacheMebibytes(64 * gib), "at most 2 GiB");
        assertEquals(256, Settings.defaultCacheMebibytes(0), "memory unknown");

        Settings unset = resolve(Map.of(), Map.of());
        assertEquals(Integer.toString(unset.cacheMebibytes), unset.forApplication.get("CISTERN_CACHE_MB"),
                "the application gets the size the launcher chose");
        assertTrue(unset.cacheMebibytes >= 256 && unset.cacheMebibytes <= 2048, "" + unset.cacheMebibytes);
        assertEquals(512, resolve(Map.of(), Map.of("CISTERN_CACHE_MB", "512")).cacheMebibytes);
        assertThrows(LauncherException.class, () -> resolve(Map.of(), Map.of("CISTERN_CACHE_MB", "lots")));
    }

    @Test
    void singleSignOnSettingsReachPayaraAndTheClientSecretOnlyFromTheEnvironment() {
        Settings sso = resolve(Map.of("cistern.oidc.issuer", "https://idp.example/realms/it",
                        "cistern.oidc.client.secret", "from-a-property"),
                Map.of("CISTERN_OIDC_CLIENT_ID", "cistern", "CISTERN_OIDC_ADMIN_GROUPS", "ops"));
        assertEquals("https://idp.example/realms/it", sso.forApplication.get("CISTERN_OIDC_ISSUER"));
        assertEquals("cistern", sso.forApplication.get("CISTERN_OIDC_CLIENT_ID"));
        assertEquals("ops", sso.forApplication.get("CISTERN_OIDC_ADMIN_GROUPS"));
        assertTrue(!sso.forApplication.containsKey("CISTERN_OIDC_CLIENT_SECRET"), "a secret never comes from a property");
        assertEquals("s", resolve(Map.of(), Map.of("CISTERN_OIDC_CLIENT_SECRET", "s")).forApplication
                .get("CISTERN_OIDC_CLIENT_SECRET"));
    }

    @Test
    void anIncompleteSingleSignOnIsRefusedWithTheSettingItLacks() {
        LauncherException noClient = assertThrows(LauncherException.class, () -> resolve(Map.of(),
                Map.of("CISTERN_OIDC_ISSUER", "https://idp.example", "CISTERN_OIDC_VIEWER_GROUPS", "all")));
        assertTrue(noClient.getMessage().contains("CISTERN_OIDC_CLIENT_ID"), noClient.getMessage());
        LauncherException noGroups = assertThrows(LauncherException.class, () -> resolve(Map.of(),
                Map.of("CISTERN_OIDC_ISSUER", "https://idp.example", "CISTERN_OIDC_CLIENT_ID", "c")));
        assertTrue(noGroups.getMessage().contains("CISTERN_OIDC_ADMIN_GROUPS"), noGroups.getMessage());
        LauncherException notUrl = assertThrows(LauncherException.class, () -> resolve(Map.of(),
                Map.of("CISTERN_OIDC_ISSUER", "idp.example", "CISTERN_OIDC_CLIENT_ID", "c",
                        "CISTERN_OIDC_ADMIN_GROUPS", "a")));
        assertTrue(notUrl.getMessage().contains("http or https URL"), notUrl.getMessage());
    }

    @Test
    void httpsNeedsAKeystoreAndItsPasswordFromTheEnvironmentAndBindsWhereHttpDoes() {
        Settings https = resolve(Map.of("cistern.https.port", "8443", "cistern.tls.keystore", "/etc/c/tls.p12"),
                Map.of("CISTERN_HTTP_BIND", "10.0.0.5", "CISTERN_TLS_KEYSTORE_PASSWORD", "pw-1"));
        assertEquals(8443, https.https.orElseThrow().endpoint().port());
        assertEquals("10.0.0.5", https.https.orElseThrow().endpoint().bindAddress());
        assertEquals("pw-1", https.https.orElseThrow().password().reveal());
        assertTrue(https.httpOn);
        assertEquals(4, https.endpoints().size(), "NFS, SMB, HTTP and HTTPS are checked before the start");
        assertEquals("pw-1", https.forApplication.get("CISTERN_TLS_KEYSTORE_PASSWORD"),
                "handed to Payara's environment, which the pre-boot file refers to");

        assertTrue(message(Map.of("cistern.https.port", "8443"), Map.of("CISTERN_TLS_KEYSTORE_PASSWORD", "pw"))
                .contains("CISTERN_TLS_KEYSTORE (property cistern.tls.keystore) must name a PKCS#12 keystore"));
        assertTrue(message(Map.of("cistern.https.port", "8443", "cistern.tls.keystore", "/k.p12",
                "cistern.tls.keystore.password", "from-a-property"), Map.of())
                .contains("the environment variable CISTERN_TLS_KEYSTORE_PASSWORD must hold"), "never a property");
        String unsafe = message(Map.of("cistern.https.port", "8443", "cistern.tls.keystore", "/k.p12"),
                Map.of("CISTERN_TLS_KEYSTORE_PASSWORD", "has space"));
        assertTrue(unsafe.contains("without spaces"), unsafe);
        assertTrue(!unsafe.contains("has space"), "the password is not repeated: " + unsafe);
        assertTrue(message(Map.of("cistern.http", "off"), Map.of()).contains("CISTERN_HTTPS_PORT"));
        assertTrue(message(Map.of("cistern.http", "maybe"), Map.of()).contains("must be on or off"));
        assertTrue(message(Map.of("cistern.log.level", "LOUD"), Map.of()).contains("CISTERN_LOG_LEVEL"));
        assertTrue(message(Map.of("cistern.smb.logon.failures.per.minute", "0"), Map.of())
                .contains("CISTERN_SMB_LOGON_FAILURES_PER_MINUTE"));
        assertTrue(message(Map.of("cistern.https.port", "12445", "cistern.tls.keystore", "/k.p12"),
                Map.of("CISTERN_TLS_KEYSTORE_PASSWORD", "pw")).contains("which another listener uses"));
    }

    @Test
    void withHttpOffOnlyHttpsIsAListener() {
        Settings httpsOnly = resolve(Map.of("cistern.http", "off", "cistern.https.port", "8443",
                "cistern.tls.keystore", "/k.p12"), Map.of("CISTERN_TLS_KEYSTORE_PASSWORD", "pw"));
        assertTrue(!httpsOnly.httpOn);
        assertEquals(List.of("NFS", "SMB", "HTTPS"), httpsOnly.endpoints().stream().map(Settings.Endpoint::protocol)
                .toList());
    }

    private static String message(Map<String, String> properties, Map<String, String> environment) {
        return assertThrows(LauncherException.class, () -> resolve(properties, environment)).getMessage();
    }
}
