package io.cistern.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
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
 * {@code file_block}'s key turned round on a real PostgreSQL: the table as EclipseLink makes it (keyed by
 * block_index, inode_id, in name order) with 20,000 pieces of 200 files is keyed by (inode_id, block_index), keeps
 * every row, and then answers "the pieces of this file" through its key instead of scanning every file's; a second
 * run changes nothing.
 */
class FileBlockKeyMigrationTest {
    /* file_block as EclipseLink makes it from io.cistern.core.model.FileBlock */
    private static final String AS_GENERATED = "create table file_block (block_index bigint not null,"
            + " inode_id bigint not null, hash bytea not null, length integer not null,"
            + " primary key (block_index, inode_id))";
    private static final int FILES = 200;
    private static final int PIECES = 100;

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
    void generatedTable() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists file_block");
            s.execute(AS_GENERATED);
            s.execute("create index file_block_hash on file_block (hash)");
            s.execute("insert into file_block select p, f, sha256(int8send(f * 1000 + p)), 4096"
                    + " from generate_series(1, " + FILES + ") f, generate_series(0, " + (PIECES - 1) + ") p");
            s.execute("analyze file_block");
        }
    }

    @Test
    void theKeyLeadsWithTheFileAndEveryPieceStays() throws SQLException {
        try (Connection c = connection()) {
            String before = strings(c, "select md5(string_agg(inode_id || ':' || block_index || ':' || encode(hash,"
                    + " 'hex'), ',' order by inode_id, block_index)) from file_block").get(0);
            assertTrue(FileBlockKeyMigration.migrate(c), "the key is turned round");
            assertEquals(List.of("inode_id", "block_index"), PrimaryKeyOrder.columns(c, "file_block"));
            assertEquals(List.of(String.valueOf(FILES * PIECES)), strings(c, "select count(*) from file_block"));
            assertEquals(before, strings(c, "select md5(string_agg(inode_id || ':' || block_index || ':'"
                    + " || encode(hash, 'hex'), ',' order by inode_id, block_index)) from file_block").get(0));
            assertEquals(List.of("file_block_pkey"), strings(c, "select conname from pg_constraint"
                    + " where conrelid = 'file_block'::regclass and contype = 'p'"));
        }
    }

    @Test
    void aFilesPiecesAreFoundThroughTheKeyNotByScanningEveryFile() throws SQLException {
        try (Connection c = connection()) {
            FileBlockKeyMigration.migrate(c);
            try (Statement s = c.createStatement()) {
                s.execute("analyze file_block");
            }
            // what BlockIndex and cistern_remove_file_v1 ask
            String plan = String.join("\n", strings(c, "explain select hash, count(*) from file_block"
                    + " where inode_id = 77 group by hash order by hash"));
            assertFalse(plan.contains("Seq Scan"), plan);
            assertTrue(plan.contains("file_block_pkey") && plan.contains("Index Cond: (inode_id = 77)"), plan);
        }
    }

    @Test
    void runTwiceTheSecondRunChangesNothing() throws SQLException {
        try (Connection c = connection()) {
            assertTrue(FileBlockKeyMigration.migrate(c));
            assertFalse(FileBlockKeyMigration.migrate(c), "nothing left to turn round");
            assertEquals(List.of("inode_id", "block_index"), PrimaryKeyOrder.columns(c, "file_block"));
            assertEquals(List.of(String.valueOf(FILES * PIECES)), strings(c, "select count(*) from file_block"));
        }
    }

    private static Connection connection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
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
