package io.cistern.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One migration as one transaction on its table, held in access exclusive mode from the start: a second server
 * starting on the same database waits, then finds the migration done and changes nothing.
 */
final class MigrationTransaction {
    /** A migration's work; true when it changed something. */
    @FunctionalInterface
    interface Work {
        boolean run(Statement statement) throws SQLException;
    }

    private MigrationTransaction() {
    }

    /** Runs {@code work} with {@code table} locked, commits it, or rolls it back when it throws. */
    static boolean run(Connection connection, String table, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table " + table + " in access exclusive mode");
            boolean changed = work.run(statement);
            connection.commit();
            return changed;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
