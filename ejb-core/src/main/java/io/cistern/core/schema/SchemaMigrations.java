package io.cistern.core.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs the schema's explicit migrations at start, each once per database, before anything reads or counts a block:
 * the payload engine, and through it every reader, writer and batch job, depends on this bean. Both change a
 * primary key, which EclipseLink's create-or-extend-tables never does: {@link DedupIndexMigration} and
 * {@link FileBlockKeyMigration}. A database that cannot be migrated fails the deployment, because the statements on
 * {@code block} name its new key, and those on {@code file_block} would scan the whole table without its.
 */
@Singleton
@Startup
// the migration commits on its own connection, outside any container transaction
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrations {
    @Resource(lookup = "jdbc/cistern")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            DedupIndexMigration.migrate(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot move the dedup index onto (store, hash): " + e.getMessage(), e);
        }
        try (Connection connection = dataSource.getConnection()) {
            FileBlockKeyMigration.migrate(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot key file_block by (inode_id, block_index): " + e.getMessage(), e);
        }
    }
}
