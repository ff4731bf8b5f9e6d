package io.cistern.batch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ResumedParametersTest {
    private static final Map<String, String> AUDIT = Map.of("repair", "false", "blocksPerChunk", "16", "mbPerSecond", "");

    @Test
    void repairAskedOfARunThatBeganWithoutItIsRefusedNamingIt() {
        ResumeConflictException refused = assertThrows(ResumeConflictException.class,
                () -> ResumedParameters.requireSame("audit", 7, props(), props("repair", "true"), AUDIT));
        assertEquals("repair", refused.parameter());
        assertTrue(refused.getMessage().contains("audit execution 7") && refused.getMessage().contains("repair=false")
                && refused.getMessage().contains("repair=true"), refused.getMessage());
    }

    @Test
    void withoutRepairAskedOfARepairingRunIsRefusedToo() {
        assertThrows(ResumeConflictException.class, () -> ResumedParameters.requireSame("audit", 7,
                props("repair", "true"), props("repair", "false"), AUDIT));
    }

    @Test
    void theValuesTheRunHasOrTheDefaultsItTookAreNoConflict() {
        assertDoesNotThrow(() -> ResumedParameters.requireSame("audit", 7, props(), props(), AUDIT));
        assertDoesNotThrow(() -> ResumedParameters.requireSame("audit", 7, null,
                props("repair", "FALSE", "blocksPerChunk", "16"), AUDIT));
        assertDoesNotThrow(() -> ResumedParameters.requireSame("audit", 7, props("repair", "true", "mbPerSecond", "4"),
                props("repair", " True", "mbPerSecond", "4 "), AUDIT));
        assertDoesNotThrow(() -> ResumedParameters.requireSame("audit", 7, props(), props("unknown", "1"), AUDIT),
                "a parameter the job does not read is ignored, as on a fresh start");
    }

    @Test
    void anotherPaceOrChunkSizeIsAConflict() {
        assertEquals("mbPerSecond", assertThrows(ResumeConflictException.class, () -> ResumedParameters.requireSame(
                "audit", 7, props("mbPerSecond", "4"), props("mbPerSecond", "200"), AUDIT)).parameter());
        assertEquals("blocksPerChunk", assertThrows(ResumeConflictException.class, () -> ResumedParameters.requireSame(
                "gc", 9, props(), props("blocksPerChunk", "8"), Map.of("blocksPerChunk", "64"))).parameter());
    }

    private static Properties props(String... namesAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }
}
