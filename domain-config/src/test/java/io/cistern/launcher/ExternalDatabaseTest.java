package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Which database servers the launcher accepts for CISTERN_DB_URL, and what it says about the others. */
class ExternalDatabaseTest {
    private static final String WHERE = "jdbc:postgresql://db.example:5432/cistern";

    @Test
    void postgres18AndLaterAreAccepted() {
        assertDoesNotThrow(() -> ExternalDatabase.requireSupported("PostgreSQL", 18, "18.1", WHERE));
        assertDoesNotThrow(() -> ExternalDatabase.requireSupported("PostgreSQL", 19, "19beta1", WHERE));
    }

    @Test
    void anOlderPostgresStopsTheLauncherNamingBothVersions() {
        LauncherException refused = assertThrows(LauncherException.class,
                () -> ExternalDatabase.requireSupported("PostgreSQL", 17, "17.6 (Debian 17.6-1)", WHERE));
        assertEquals("the database at " + WHERE + " is PostgreSQL 17.6 (Debian 17.6-1); Cistern needs PostgreSQL 18"
                + " or later", refused.getMessage());
    }

    @Test
    void anotherProductIsRefusedWhateverItsVersion() {
        LauncherException refused = assertThrows(LauncherException.class,
                () -> ExternalDatabase.requireSupported("CockroachDB", 24, "24.1", WHERE));
        assertEquals("the database at " + WHERE + " is CockroachDB 24.1; Cistern needs PostgreSQL 18 or later",
                refused.getMessage());
    }
}
