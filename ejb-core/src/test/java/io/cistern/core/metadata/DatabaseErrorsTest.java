package io.cistern.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.FsError;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

    @Test
    void fullDiskUnderPostgresqlIsNoSpace() {
        SQLException diskFull = new SQLException("could not extend file \"base/5/16384\": No space left on device", "53100");
        PersistenceException wrapped = new PersistenceException("flush failed", new RuntimeException(diskFull));
        assertEquals(FsError.NO_SPACE, DatabaseErrors.translate(wrapped).orElseThrow().error());
    }

    @Test
    void uniqueViolationIsExists() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint \"dirent_parent_name\"", "23505");
        assertEquals(FsError.EXISTS, DatabaseErrors.translate(new PersistenceException(duplicate)).orElseThrow().error());
    }

    @Test
    void otherFailuresStaySystemErrors() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertTrue(DatabaseErrors.translate(new PersistenceException(lost)).isEmpty());
        assertTrue(DatabaseErrors.translate(new IllegalStateException("no cause")).isEmpty());
    }
}
