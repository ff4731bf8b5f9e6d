package io.cistern.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.FsError;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "08003", "57P01", "57P02", "57P03"})
    void anUnreachableDatabaseIsTryLater(String sqlState) {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", sqlState);
        assertEquals(FsError.TRY_LATER, DatabaseErrors.translate(
                new PersistenceException(new RuntimeException(lost))).orElseThrow().error());
    }

    @Test
    void aRefusedConnectionIsTryLater() {
        SQLException allocation = new SQLException("Error in allocating a connection",
                new java.net.ConnectException("Connection refused"));
        assertEquals(FsError.TRY_LATER, DatabaseErrors.translate(new IllegalStateException(allocation))
                .orElseThrow().error());
    }

    /** As Payara reports a pooled connection that died with the database, at the transaction's enlistment. */
    @Test
    void aConnectionThePoolCouldNotHandOutIsTryLater() {
        RuntimeException enlistment = new RuntimeException("Got exception during XAResource.start:");
        SQLException allocation = new SQLException("Error in allocating a connection. Cause: " + enlistment,
                new jakarta.resource.spi.ResourceAllocationException("Error in allocating a connection", enlistment));
        assertEquals(FsError.TRY_LATER, DatabaseErrors.translate(new PersistenceException(allocation))
                .orElseThrow().error());
    }

    @Test
    void otherFailuresStaySystemErrors() {
        SQLException protocol = new SQLException("protocol violation", "08P01");
        assertTrue(DatabaseErrors.translate(new PersistenceException(protocol)).isEmpty(), "a bug, not an outage");
        SQLException syntax = new SQLException("syntax error", "42601");
        assertTrue(DatabaseErrors.translate(new PersistenceException(syntax)).isEmpty());
        assertTrue(DatabaseErrors.translate(new IllegalStateException("no cause")).isEmpty());
    }
}
