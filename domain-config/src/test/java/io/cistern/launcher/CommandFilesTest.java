package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the real templates of src/main/asadmin. */
class CommandFilesTest {
    private static final Path TEMPLATES = Path.of("src/main/asadmin");
    private static final String DB_PASSWORD = "db-Secret-4711";
    private static final String ADMIN_PASSWORD = "admin-Secret-0815";

    @TempDir
    Path scratch;

    private static Settings settings(Map<String, String> environment) {
        return Settings.resolve(name -> null, environment::get);
    }

    private static Settings withSecrets() {
        return settings(Map.of("CISTERN_NFS_PORT", "2049", "CISTERN_SMB_BIND", "::", "CISTERN_HTTP_BIND", "10.0.0.5",
                "CISTERN_DB_URL", "jdbc:postgresql://db:5432/cistern", "CISTERN_DB_PASSWORD", DB_PASSWORD,
                "CISTERN_ADMIN_PASSWORD", ADMIN_PASSWORD, "CISTERN_SMB_WORKERS", "20"));
    }

    private static String render(String template, Settings settings) throws IOException {
        return CommandFiles.render(Files.readString(TEMPLATES.resolve(template)), CommandFiles.tokens(settings), template);
    }

    @Test
    void preBootCreatesBothPoolsAndBindsHttp() throws IOException {
        String preBoot = render(CommandFiles.PREBOOT_TEMPLATE, withSecrets());
        assertTrue(preBoot.contains("create-threadpool --minthreadpoolsize 14 --maxthreadpoolsize 14 --idletimeout 900"
                + " cistern-nfs-pool"), preBoot);
        assertTrue(preBoot.contains("create-threadpool --minthreadpoolsize 26 --maxthreadpoolsize 26 --idletimeout 900"
                + " cistern-smb-pool"), "2 I/O threads + 20 workers + 4: " + preBoot);
        assertTrue(preBoot.contains("network-listener.http-listener.address=10.0.0.5"), preBoot);
    }

    @Test
    void postBootConfiguresPoolsAdaptersAndBatch() throws IOException {
        String postBoot = render(CommandFiles.POSTBOOT_TEMPLATE, withSecrets());
        assertTrue(postBoot.contains("create-jdbc-resource --connectionpoolid cistern-pool jdbc/cistern"), postBoot);
        assertTrue(postBoot.contains("set-batch-runtime-configuration --datasourcelookupname jdbc/cistern"), postBoot);
        assertTrue(postBoot.contains("--threadpoolid cistern-nfs-pool"
                + " --property Port=2049:BindAddress=0.0.0.0:IoThreads=2:Workers=8:PortmapperPort=0"
                + ":NlmClientPortmapperPort=111 rar-nfs"), postBoot);
        assertTrue(postBoot.contains("--threadpoolid cistern-smb-pool"
                + " --property Port=12445:BindAddress=\\:\\::IoThreads=2:Workers=20 rar-smb"),
                "an IPv6 address is escaped for asadmin: " + postBoot);
        assertTrue(postBoot.contains("password=$\\{ENV\\=CISTERN_DB_PASSWORD}"), "the password is a reference: " + postBoot);
    }

    @Test
    void thePortmapperSettingReachesTheNfsAdapter() throws IOException {
        String on = render(CommandFiles.POSTBOOT_TEMPLATE, settings(Map.of("CISTERN_PORTMAPPER", "on")));
        assertTrue(on.contains(":Workers=8:PortmapperPort=111:"), on);
        String port = render(CommandFiles.POSTBOOT_TEMPLATE, settings(Map.of("CISTERN_PORTMAPPER", "10111")));
        assertTrue(port.contains(":PortmapperPort=10111:"), port);
    }

    @Test
    void theClientHostsPortmapperPortReachesTheNfsAdapter() throws IOException {
        String moved = render(CommandFiles.POSTBOOT_TEMPLATE,
                settings(Map.of("CISTERN_NLM_CLIENT_PORTMAPPER_PORT", "20111")));
        assertTrue(moved.contains(":PortmapperPort=0:NlmClientPortmapperPort=20111 rar-nfs"), moved);
    }

    @Test
    void noTokenIsLeftAndNoSecretIsWritten() throws IOException {
        for (String template : new String[] {CommandFiles.PREBOOT_TEMPLATE, CommandFiles.POSTBOOT_TEMPLATE}) {
            String rendered = render(template, withSecrets());
            assertFalse(rendered.matches("(?s).*@[A-Z][A-Z0-9_]*@.*"), template + " still has a token: " + rendered);
            assertFalse(rendered.contains(DB_PASSWORD), template + " holds the database password");
            assertFalse(rendered.contains(ADMIN_PASSWORD), template + " holds the admin password");
        }
    }

    @Test
    void httpsIsAppendedToThePreBootFileOnHttpsAddressWithThePasswordOnlyAsAReference() throws IOException {
        Path home = scratch.resolve("dist");
        Files.createDirectories(home.resolve("config"));
        for (String template : new String[] {CommandFiles.PREBOOT_TEMPLATE, CommandFiles.POSTBOOT_TEMPLATE,
                CommandFiles.HTTPS_TEMPLATE, CommandFiles.HTTP_OFF_TEMPLATE}) {
            Files.copy(TEMPLATES.resolve(template), home.resolve("config").resolve(template));
        }
        DataDirectory data = DataDirectory.prepare(scratch.resolve("data"));
        Settings https = settings(Map.of("CISTERN_HTTP_BIND", "10.0.0.5", "CISTERN_HTTPS_PORT", "8443",
                "CISTERN_TLS_KEYSTORE", "/etc/cistern/tls.p12", "CISTERN_TLS_KEYSTORE_PASSWORD", "tls-Secret-42",
                "CISTERN_HTTP", "off"));
        String preBoot = Files.readString(CommandFiles.write(new Distribution(home), data, https, "web").preBoot());
        String listener = "network-listeners.network-listener.https-listener.";
        assertTrue(preBoot.contains(listener + "port=8443"), preBoot);
        assertTrue(preBoot.contains(listener + "address=10.0.0.5"), "the same address as HTTP: " + preBoot);
        assertTrue(preBoot.contains(listener + "enabled=true"), preBoot);
        assertTrue(preBoot.contains("https-listener.ssl.key-store=/etc/cistern/tls.p12"), preBoot);
        assertTrue(preBoot.contains("https-listener.ssl.cert-nickname=web"), preBoot);
        assertTrue(preBoot.contains("key-store-password=${ENV=CISTERN_TLS_KEYSTORE_PASSWORD}"), preBoot);
        assertFalse(preBoot.contains("tls-Secret-42"), "the password itself is never written: " + preBoot);
        assertTrue(preBoot.contains("http-listener.enabled=false"), "plain HTTP off: " + preBoot);

        String plain = Files.readString(CommandFiles.write(new Distribution(home), data, withSecrets(), null).preBoot());
        assertFalse(plain.contains("https-listener"), "no HTTPS unless asked for: " + plain);
        assertFalse(plain.contains("enabled=false"), plain);
    }

    @Test
    void anUnknownTokenIsAnError() {
        LauncherException e = assertThrows(LauncherException.class,
                () -> CommandFiles.render("set x=@NO_SUCH_TOKEN@", CommandFiles.tokens(settings(Map.of())), "t.asadmin"));
        assertEquals("command template t.asadmin uses unknown token @NO_SUCH_TOKEN@", e.getMessage());
    }

    @Test
    void propertyValuesAreEscapedForAsadmin() {
        assertEquals("\\:\\:1", CommandFiles.escapePropertyValue("::1"));
        assertEquals("a\\\\b", CommandFiles.escapePropertyValue("a\\b"));
        assertEquals("0.0.0.0", CommandFiles.escapePropertyValue("0.0.0.0"));
    }

    @Test
    void renderedFilesAreReadableByTheOwnerOnly() throws IOException {
        Path home = scratch.resolve("dist");
        Files.createDirectories(home.resolve("config"));
        for (String template : new String[] {CommandFiles.PREBOOT_TEMPLATE, CommandFiles.POSTBOOT_TEMPLATE}) {
            Files.copy(TEMPLATES.resolve(template), home.resolve("config").resolve(template));
        }
        DataDirectory data = DataDirectory.prepare(scratch.resolve("data"));
        CommandFiles.Rendered rendered = CommandFiles.write(new Distribution(home), data, withSecrets(), null);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rendered.preBoot())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rendered.postBoot())));
        assertEquals(data.run().resolve("postboot.asadmin"), rendered.postBoot());
    }
}
