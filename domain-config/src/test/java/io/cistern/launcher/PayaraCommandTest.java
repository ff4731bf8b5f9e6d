package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayaraCommandTest {
    private static final String DB_PASSWORD = "db-Secret-4711";
    private static final String ADMIN_PASSWORD = "admin-Secret-0815";

    @TempDir
    Path scratch;

    private Settings settings(Map<String, String> environment) {
        return Settings.resolve(name -> null, environment::get);
    }

    @Test
    void theCommandLineCarriesNoSecret() {
        Settings settings = settings(Map.of("CISTERN_ADMIN_PASSWORD", ADMIN_PASSWORD, "CISTERN_JAVA_OPTS", "-Xmx512m",
                "CISTERN_HTTP_PORT", "9080"));
        DataDirectory data = DataDirectory.prepare(scratch.resolve("data"));
        Distribution distribution = new Distribution(scratch.resolve("dist"));
        List<String> command = PayaraCommand.commandLine(settings, distribution, data,
                new CommandFiles.Rendered(data.run().resolve("preboot.asadmin"), data.run().resolve("postboot.asadmin")));
        String joined = String.join(" ", command);
        assertFalse(joined.contains(DB_PASSWORD) || joined.contains(ADMIN_PASSWORD), joined);
        assertEquals("-Xmx512m", command.get(1));
        assertTrue(joined.contains("-Dcistern.data.dir=" + data.root), joined);
        assertTrue(joined.contains("--port 9080"), joined);
        assertTrue(joined.contains("--rootdir " + data.payaraRoot()), joined);
        assertTrue(joined.endsWith("--deploy " + distribution.webApplication() + ":/"), "the WAR at context root /: " + joined);
        assertTrue(joined.contains("--nocluster") && !joined.contains("--nohazelcast"), joined);
    }

    @Test
    void theEnvironmentCarriesTheDatabaseAndTheGivenAdminPassword() {
        DataDirectory data = DataDirectory.prepare(scratch.resolve("data"));
        DatabaseTarget database = new DatabaseTarget("jdbc:postgresql://localhost:5432/cistern", "postgres", Secret.of(DB_PASSWORD));
        Map<String, String> inherited = Map.of("PATH", "/usr/bin", "CISTERN_ADMIN_PASSWORD", "from-parent");

        Map<String, String> withAdmin = PayaraCommand.environment(inherited,
                settings(Map.of("CISTERN_ADMIN_PASSWORD", ADMIN_PASSWORD)), database, data);
        assertEquals(DB_PASSWORD, withAdmin.get("CISTERN_DB_PASSWORD"));
        assertEquals("postgres", withAdmin.get("CISTERN_DB_USER"));
        assertEquals("jdbc:postgresql://localhost:5432/cistern", withAdmin.get("CISTERN_DB_URL"));
        assertEquals(ADMIN_PASSWORD, withAdmin.get("CISTERN_ADMIN_PASSWORD"));
        assertEquals(data.root.toString(), withAdmin.get("CISTERN_DATA_DIR"));
        assertEquals("/usr/bin", withAdmin.get("PATH"));

        Map<String, String> withoutAdmin = PayaraCommand.environment(inherited, settings(Map.of()), database, data);
        assertFalse(withoutAdmin.containsKey("CISTERN_ADMIN_PASSWORD"), "only a password given to the launcher is passed on");
    }

    @Test
    void directMemoryFollowsTheCacheAndGivenOptionsWin() {
        Settings defaults = settings(Map.of("CISTERN_CACHE_MB", "1536"));
        assertEquals(List.of("-XX:MaxDirectMemorySize=2560m", "-XX:G1HeapRegionSize=16m"),
                PayaraCommand.memoryDefaults(defaults));
        Settings given = settings(Map.of("CISTERN_CACHE_MB", "1536",
                "CISTERN_JAVA_OPTS", "-Xmx4g -XX:MaxDirectMemorySize=8g -XX:G1HeapRegionSize=32m"));
        assertEquals(List.of(), PayaraCommand.memoryDefaults(given));
    }
}
