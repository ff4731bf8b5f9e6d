package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-only settings an admin changed through the API, as the launcher reads, applies, hands over and removes
 * them: the file is written here in the format the application writes (java.util.Properties).
 */
class StartOverridesFileTest {
    @TempDir
    Path data;

    @Test
    void anOverrideWinsOverThePropertyAndTheEnvironmentAndTheApplicationIsToldBoth() throws Exception {
        write("CISTERN_NFS_PORT=2049\nCISTERN_JAVA_OPTS=-Xmx2g -Dx\\=y\nCISTERN_JOURNAL_CAPACITY_MB=64\n");
        StartOverridesFile overrides = StartOverridesFile.read(data);
        Settings settings = Settings.resolve(Map.of("cistern.nfs.port", "3049")::get,
                Map.of("CISTERN_NFS_PORT", "4049", "CISTERN_JOURNAL_CAPACITY_MB", "512")::get, overrides.applied());
        assertEquals(2049, settings.nfs.port(), "the override wins over the property and the environment");
        assertEquals(List.of("-Xmx2g", "-Dx=y"), settings.javaOpts);
        assertEquals("512", settings.forApplication.get("CISTERN_JOURNAL_CAPACITY_MB"),
                "the application gets the environment's value, to show what a removed override falls back to");
        assertEquals("3049", settings.forApplication.get("CISTERN_NFS_PORT"), "the property, without the override");
        assertEquals("CISTERN_JAVA_OPTS=-Xmx2g -Dx=y\nCISTERN_JOURNAL_CAPACITY_MB=64\nCISTERN_NFS_PORT=2049",
                StartOverridesFile.forApplication(settings.overrides), "and the overrides applied, one line each");
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://127.0.0.1:1/x", "u", Secret.of("p"));
        Map<String, String> environment = PayaraCommand.environment(Map.of(), settings, target,
                DataDirectory.prepare(data));
        assertEquals(StartOverridesFile.forApplication(settings.overrides),
                environment.get(StartOverridesFile.APPLIED_VARIABLE));
        assertEquals("", PayaraCommand.environment(Map.of(), Settings.resolve(name -> null, name -> null), target,
                DataDirectory.prepare(data)).get(StartOverridesFile.APPLIED_VARIABLE), "none applied: set, but empty");
    }

    @Test
    void anOverrideTheNextStartWouldRefuseStopsItNamingTheSetting() throws Exception {
        for (Map.Entry<String, String> bad : Map.of("CISTERN_JOURNAL_CAPACITY_MB", "8", "CISTERN_NLM_GRACE_SECONDS", "-1",
                "CISTERN_DEFAULT_SCHEDULES", "maybe", "CISTERN_SMB_PORT", "70000").entrySet()) {
            LauncherException refused = assertThrows(LauncherException.class, () -> Settings.resolve(name -> null,
                    name -> null, Map.of(bad.getKey(), bad.getValue())));
            assertTrue(refused.getMessage().contains(bad.getKey()), refused.getMessage());
            assertEquals(Map.of(bad.getKey(), bad.getValue()), new StartOverridesFile.Suspects(
                    Map.of(bad.getKey(), bad.getValue(), "CISTERN_READY_TIMEOUT", "600")).in(refused.getMessage()),
                    "the failure names it, so the launcher names that one alone");
        }
    }

    @Test
    void aFailureThatNamesNoSettingSuspectsThePortItNamesOrElseEveryOverride() {
        Map<String, String> applied = Map.of("CISTERN_NFS_PORT", "2049", "CISTERN_READY_TIMEOUT", "600");
        StartOverridesFile.Suspects suspects = new StartOverridesFile.Suspects(applied);
        assertEquals(Map.of("CISTERN_NFS_PORT", "2049"), suspects.in("NFS port 2049 on 0.0.0.0 is already in use"));
        assertEquals(applied, suspects.in("Payara Micro exited unexpectedly (exit code 1)"));
        assertEquals("the override CISTERN_NFS_PORT=2049 changed through the admin API is in effect; to start"
                + " without it: cistern settings reset CISTERN_NFS_PORT", Main.suspects(Map.of("CISTERN_NFS_PORT", "2049")));
    }

    @Test
    void entriesThatCannotBeOverriddenAreIgnoredNeverApplied() throws Exception {
        write("CISTERN_DATA_DIR=/elsewhere\nCISTERN_DB_URL=jdbc:postgresql://evil/x\nCISTERN_ADMIN_PASSWORD=x\n"
                + "CISTERN_STORE=s3\nCISTERN_NO_SUCH=1\nCISTERN_SMB_PORT=2445\n");
        StartOverridesFile overrides = StartOverridesFile.read(data);
        assertEquals(Map.of("CISTERN_SMB_PORT", "2445"), overrides.applied());
        assertEquals(List.of("CISTERN_ADMIN_PASSWORD", "CISTERN_DATA_DIR", "CISTERN_DB_URL", "CISTERN_NO_SUCH",
                "CISTERN_STORE"), overrides.ignored());
        Settings settings = Settings.resolve(name -> null, name -> null, overrides.applied());
        assertTrue(settings.embeddedDatabase());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), settings.dataDir);
    }

    @Test
    void resetRemovesAnOverrideWhileNoServerRunsAndIsRefusedWhileOneDoes() throws Exception {
        write("CISTERN_NFS_PORT=2049\nCISTERN_HTTP_PORT=9080\n");
        String dataOption = "-Dcistern.data.dir=" + data;
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                data.resolve("cistern.lock").toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("LOCKED", out.readLine());
            assertEquals(1, SettingsCommand.run(List.of("reset", "CISTERN_NFS_PORT", dataOption)), "a server runs");
            assertEquals(Map.of("CISTERN_NFS_PORT", "2049", "CISTERN_HTTP_PORT", "9080"),
                    StartOverridesFile.read(data).applied(), "nothing removed under a running server");
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, SettingsCommand.run(List.of("reset", "CISTERN_NFS_PORT", dataOption)));
        assertEquals(Map.of("CISTERN_HTTP_PORT", "9080"), StartOverridesFile.read(data).applied());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve(StartOverridesFile.FILE_NAME))));
        assertEquals(1, SettingsCommand.run(List.of("reset", "CISTERN_NFS_PORT", dataOption)), "no such override");
        assertEquals(0, SettingsCommand.run(List.of("reset", "CISTERN_HTTP_PORT", dataOption)));
        assertFalse(Files.exists(data.resolve(StartOverridesFile.FILE_NAME)), "the last one takes the file with it");
        assertFalse(Files.exists(data.resolve("cistern.lock")), "the lock is released");
    }

    private void write(String text) throws Exception {
        Files.writeString(data.resolve(StartOverridesFile.FILE_NAME), text);
    }
}
