package io.cistern.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartOverridesTest {
    @TempDir
    Path data;

    @Test
    void theFileKeepsValuesWithSpacesAndEqualsSignsAndOnlyItsOwnerReadsIt() throws Exception {
        Path file = data.resolve(StartOverrides.FILE_NAME);
        assertEquals(Map.of(), StartOverrides.stored(file), "no file: no overrides");
        Map<String, String> overrides = Map.of("CISTERN_JAVA_OPTS", "-Xmx2g -Dx=y", "CISTERN_NFS_PORT", "2049");
        StartOverrides.store(file, overrides);
        assertEquals(overrides, StartOverrides.stored(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        StartOverrides.store(file, Map.of());
        assertFalse(Files.exists(file), "the last override removed takes the file with it");
    }

    @Test
    void theLaunchersHandOverIsReadAsNameValueLines() {
        assertEquals(Map.of("CISTERN_JAVA_OPTS", "-Xmx2g -Dx=y", "CISTERN_NFS_PORT", "2049"),
                StartOverrides.parseApplied("CISTERN_JAVA_OPTS=-Xmx2g -Dx=y\nCISTERN_NFS_PORT=2049"));
        assertEquals(Map.of(), StartOverrides.parseApplied(""), "a launcher that applied none");
        assertEquals(Map.of(), StartOverrides.parseApplied(null), "no launcher");
    }

    @Test
    void aStartOnlyChangeIsAuditedAsOneForTheNextStart() {
        assertEquals("CISTERN_NFS_PORT: 12049 -> 2049 (at the next start)",
                new SettingChange("CISTERN_NFS_PORT", "12049", "2049", SettingSource.OVERRIDE, true).describe());
        assertEquals("CISTERN_NFS_PORT: 2049 -> 12049 (default, at the next start)",
                new SettingChange("CISTERN_NFS_PORT", "2049", "12049", SettingSource.DEFAULT, true).describe());
        assertEquals("CISTERN_LOG_LEVEL: INFO -> FINE",
                new SettingChange("CISTERN_LOG_LEVEL", "INFO", "FINE", SettingSource.OVERRIDE).describe());
    }
}
