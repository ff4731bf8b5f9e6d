package io.cistern.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dedup index's move onto (store, hash), on a real PostgreSQL: a {@code block} table as databases made before
 * stores were several have it (keyed by hash alone, with rows) is migrated, its rows kept in the default store; a
 * second run changes nothing; afterwards the same hash can be counted in two stores, as two rows.
 */
class DedupIndexMigrationTest {
    /* block as EclipseLink made it from the entity keyed by hash alone */
    private static final String OLD_BLOCK = "create table block (hash bytea not null, size integer not null,"
            + " refcount bigint not null, state varchar(16) not null,"
            + " last_referenced timestamp with time zone not null, primary key (hash))";

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void oldSchema() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists block");
            s.execute("drop table if exists block_store");
            s.execute(OLD_BLOCK);
            for (int i = 1; i <= 3; i++) {
                s.execute("insert into block values (decode('" + "0".repeat(62) + "0" + i + "', 'hex'), " + (i * 100)
                        + ", " + i + ", 'UPLOADED', now())");
            }
        }
    }

    @Test
    void anOldIndexIsKeyedByStoreAndHashAndKeepsItsRowsInTheDefaultStore() throws SQLException {
        try (Connection c = connection()) {
            assertTrue(DedupIndexMigration.migrate(c), "the old key is moved");
            assertEquals(List.of("store_id", "hash"), keyColumns(c));
            assertEquals(List.of("0 100 1", "0 200 2", "0 300 3"),
                    strings(c, "select store_id || ' ' || size || ' ' || refcount from block order by hash"));
            assertEquals(List.of("0 default"), strings(c, "select id || ' ' || name from block_store"));
        }
    }

    @Test
    void theStatisticsKeyIsWidenedToAStoreName() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists store_statistics");
            s.execute("create table store_statistics (store varchar(32) not null primary key)");
            DedupIndexMigration.migrate(c);
            s.execute("insert into store_statistics values ('" + "n".repeat(80) + "')");
            assertEquals(List.of("80"), strings(c, "select character_maximum_length from information_schema.columns"
                    + " where table_name = 'store_statistics' and column_name = 'store'"));
            s.execute("drop table store_statistics");
        }
    }

    @Test
    void runTwiceTheSecondRunChangesNothing() throws SQLException {
        try (Connection c = connection()) {
            DedupIndexMigration.migrate(c);
            List<String> before = strings(c, "select store_id || ' ' || encode(hash, 'hex') || ' ' || refcount"
                    + " from block order by 1");
            assertFalse(DedupIndexMigration.migrate(c), "nothing left to move");
            assertEquals(List.of("store_id", "hash"), keyColumns(c));
            assertEquals(before, strings(c, "select store_id || ' ' || encode(hash, 'hex') || ' ' || refcount"
                    + " from block order by 1"));
            assertEquals(1, strings(c, "select name from block_store").size());
        }
    }

    @Test
    void afterItTheSameHashInTwoStoresIsTwoBlocksAndInOneStoreStillOne() throws SQLException {
        try (Connection c = connection()) {
            DedupIndexMigration.migrate(c);
            String reference = "insert into block (store_id, hash, size, refcount, state, last_referenced)"
                    + " values (?, decode('" + "0".repeat(62) + "01', 'hex'), 100, 1, 'UPLOADED', now())"
                    + " on conflict (store_id, hash) do update set refcount = block.refcount + 1";
            try (PreparedStatement insert = c.prepareStatement(reference)) {
                insert.setLong(1, 7);
                insert.executeUpdate();
                insert.setLong(1, 0);
                insert.executeUpdate();
            }
            assertEquals(List.of("0 2", "7 1"), strings(c, "select store_id || ' ' || refcount from block"
                    + " where hash = decode('" + "0".repeat(62) + "01', 'hex') order by store_id"));
            try (Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.execute("insert into block values (decode('"
                        + "0".repeat(62) + "01', 'hex'), 1, 1, 'UPLOADED', now(), 7)"), "one row per store and hash");
            }
        }
    }

    private static Connection connection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    private static List<String> keyColumns(Connection c) throws SQLException {
        return strings(c, "select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid"
                + " and a.attnum = any(i.indkey) where i.indrelid = 'block'::regclass and i.indisprimary"
                + " order by array_position(i.indkey, a.attnum)");
    }

    private static List<String> strings(Connection c, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
