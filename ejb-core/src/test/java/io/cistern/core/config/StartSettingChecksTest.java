package io.cistern.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks a start-only change passes beyond its form, on this machine: the settings together, real sockets, a
 * real JVM and a real keystore made by keytool.
 */
class StartSettingChecksTest {
    private static final String PASSWORD = "unit-Keystore-1";

    @TempDir
    Path scratch;

    @Test
    void twoListenersOnOnePortAreRefusedNamingTheSettingChanged() {
        SettingException refused = refusal(Map.of(StartSetting.SMB_PORT, "12049"), Set.of(StartSetting.SMB_PORT));
        assertEquals("CISTERN_SMB_PORT", refused.setting());
        assertTrue(refused.getMessage().contains("NFS and SMB would both listen on port 12049"), refused.getMessage());
        SettingException portmapper = refusal(Map.of(StartSetting.PORTMAPPER, "8080"), Set.of(StartSetting.PORTMAPPER));
        assertEquals("CISTERN_PORTMAPPER", portmapper.setting());
    }

    @Test
    void plainHttpOffNeedsHttpsAndHttpsItsKeystoreAndPassword() {
        SettingException off = refusal(Map.of(StartSetting.HTTP, "off"), Set.of(StartSetting.HTTP));
        assertEquals("CISTERN_HTTP", off.setting());
        assertTrue(off.getMessage().contains("needs CISTERN_HTTPS_PORT"), off.getMessage());
        SettingException noKeystore = refusal(Map.of(StartSetting.HTTPS_PORT, "18443"), Set.of(StartSetting.HTTPS_PORT));
        assertTrue(noKeystore.getMessage().contains("CISTERN_TLS_KEYSTORE"), noKeystore.getMessage());
        Path keystore = scratch.resolve("any.p12");
        SettingException noPassword = assertThrows(SettingException.class, () -> StartSettingChecks.check(proposal(
                Map.of(StartSetting.HTTPS_PORT, "18443", StartSetting.TLS_KEYSTORE, keystore.toString()),
                Set.of(StartSetting.HTTPS_PORT), name -> null)));
        assertTrue(noPassword.getMessage().contains("CISTERN_TLS_KEYSTORE_PASSWORD"), noPassword.getMessage());
    }

    @Test
    void aPortInUseIsRefusedAndAFreeOneOrOneThisServerHoldsPasses() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            SettingException refused = refusal(Map.of(StartSetting.NFS_PORT, port, StartSetting.NFS_BIND, "127.0.0.1"),
                    Set.of(StartSetting.NFS_PORT));
            assertEquals("CISTERN_NFS_PORT", refused.setting());
            assertTrue(refused.getMessage().contains("port " + port + " on 127.0.0.1 is in use"), refused.getMessage());
            // the server's own HTTP port moving to another address: checked on the address alone
            Map<StartSetting, String> current = values(Map.of(StartSetting.HTTP_PORT, port));
            StartSettingChecks.check(new StartSettingChecks.Proposal(values(Map.of(StartSetting.HTTP_PORT, port,
                    StartSetting.HTTP_BIND, "0.0.0.0")), current, Set.of(StartSetting.HTTP_BIND), name -> null));
        }
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            free = probe.getLocalPort();
        }
        StartSettingChecks.check(proposal(Map.of(StartSetting.SMB_PORT, Integer.toString(free),
                StartSetting.SMB_BIND, "127.0.0.1"), Set.of(StartSetting.SMB_PORT), name -> null));
    }

    @Test
    void anAddressThisMachineDoesNotHaveIsRefused() {
        SettingException refused = refusal(Map.of(StartSetting.HTTP_BIND, "192.0.2.77"), Set.of(StartSetting.HTTP_BIND));
        assertEquals("CISTERN_HTTP_BIND", refused.setting());
        assertTrue(refused.getMessage().contains("not an address of this machine"), refused.getMessage());
        SettingException unknown = refusal(Map.of(StartSetting.NFS_BIND, "no-such-host.invalid"),
                Set.of(StartSetting.NFS_BIND));
        assertTrue(unknown.getMessage().contains("not a known address"), unknown.getMessage());
    }

    @Test
    void javaOptionsMustStartTheJvm() {
        StartSettingChecks.javaOptions(StartSetting.JAVA_OPTS, "-Xmx64m -XX:+UseSerialGC");
        SettingException refused = assertThrows(SettingException.class,
                () -> StartSettingChecks.javaOptions(StartSetting.JAVA_OPTS, "-Xmx1g -XX:+NoSuchOptionAtAll"));
        assertEquals("CISTERN_JAVA_OPTS", refused.setting());
        assertTrue(refused.getMessage().contains("NoSuchOptionAtAll"), "the JVM's own words: " + refused.getMessage());
    }

    @Test
    void theKeystoreMustOpenWithTheEnvironmentsPasswordAndHoldOneKey() throws Exception {
        Path keystore = keytool(scratch.resolve("tls.p12"));
        Map<StartSetting, String> https = Map.of(StartSetting.HTTPS_PORT, Integer.toString(freePort()),
                StartSetting.TLS_KEYSTORE, keystore.toString(), StartSetting.HTTP_BIND, "127.0.0.1");
        StartSettingChecks.check(proposal(https, Set.of(StartSetting.TLS_KEYSTORE), name -> PASSWORD));
        SettingException wrong = assertThrows(SettingException.class, () -> StartSettingChecks.check(proposal(https,
                Set.of(StartSetting.TLS_KEYSTORE), name -> "not-the-password")));
        assertTrue(wrong.getMessage().contains("does not open"), wrong.getMessage());
        assertTrue(!wrong.getMessage().contains("not-the-password"), "no password in the message");
        Path notAKeystore = Files.writeString(scratch.resolve("plain.p12"), "hello");
        SettingException plain = assertThrows(SettingException.class, () -> StartSettingChecks.check(proposal(
                Map.of(StartSetting.HTTPS_PORT, "18443", StartSetting.TLS_KEYSTORE, notAKeystore.toString()),
                Set.of(StartSetting.TLS_KEYSTORE), name -> PASSWORD)));
        assertEquals("CISTERN_TLS_KEYSTORE", plain.setting());
        SettingException missing = assertThrows(SettingException.class, () -> StartSettingChecks.check(proposal(
                Map.of(StartSetting.HTTPS_PORT, "18443", StartSetting.TLS_KEYSTORE, "/no/such/file.p12"),
                Set.of(StartSetting.TLS_KEYSTORE), name -> PASSWORD)));
        assertTrue(missing.getMessage().contains("not a file this server can read"), missing.getMessage());
    }

    /** The defaults with {@code changes}, HTTP on a port nothing holds, the server holding nothing. */
    private static StartSettingChecks.Proposal proposal(Map<StartSetting, String> changes, Set<StartSetting> changed,
                                                        java.util.function.Function<String, String> environment) {
        return new StartSettingChecks.Proposal(values(changes), values(Map.of()), changed, environment);
    }

    private static SettingException refusal(Map<StartSetting, String> changes, Set<StartSetting> changed) {
        return assertThrows(SettingException.class, () -> StartSettingChecks.check(proposal(changes, changed,
                name -> null)));
    }

    private static Map<StartSetting, String> values(Map<StartSetting, String> changes) {
        Map<StartSetting, String> values = new EnumMap<>(StartSetting.class);
        for (StartSetting setting : StartSetting.values()) {
            values.put(setting, setting.defaultValue());
        }
        values.putAll(changes);
        return values;
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    private static Path keytool(Path file) throws Exception {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass",
                PASSWORD, "-keypass", PASSWORD)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool: " + output);
        return file;
    }
}
