package io.cistern.core.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's primary key and the order of its columns. The order matters: the key's index serves a lookup by its
 * leading columns only, and EclipseLink's table generation puts the columns of a composite key ({@code @IdClass}) in
 * the order of their names, not the order the entity declares them, so a key whose lookups go by its second column by
 * name order has to be put right after the table is made.
 */
final class PrimaryKeyOrder {
    /* The columns of a table's primary key, in key order. */
    private static final String KEY_COLUMNS = "select a.attname from pg_index i"
            + " join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)"
            + " where i.indrelid = ?::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)";
    private static final String KEY_NAME = "select conname from pg_constraint where conrelid = ?::regclass"
            + " and contype = 'p'";

    private PrimaryKeyOrder() {
    }

    /** The key's columns in key order; empty when the table has no primary key. */
    static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(KEY_COLUMNS)) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    /**
     * Makes {@code columns}, in this order, the table's primary key {@code <table>_pkey}, replacing the key it has
     * (whose index is rebuilt: the caller holds the table locked in its transaction); false when it already is.
     */
    static boolean ensure(Connection connection, String table, List<String> columns) throws SQLException {
        if (columns(connection, table).equals(columns)) {
            return false;
        }
        String name = keyName(connection, table);
        try (Statement statement = connection.createStatement()) {
            if (name != null) {
                statement.execute("alter table " + table + " drop constraint " + quoted(name));
            }
            statement.execute("alter table " + table + " add constraint " + quoted(table + "_pkey")
                    + " primary key (" + String.join(", ", columns) + ")");
        }
        return true;
    }

    private static String keyName(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(KEY_NAME)) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
