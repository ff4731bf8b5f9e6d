package io.cistern.core.stores;

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
 * Runs {@link DedupIndexMigration} at start, before anything counts a block: the payload engine, and through it
 * every reader, writer and batch job, depends on this bean. A database that cannot be migrated fails the
 * deployment, because every statement on {@code block} names the new key.
 */
@Singleton
@Startup
// the migration commits on its own connection, outside any container transaction
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StoreSchema {
    @Resource(lookup = "jdbc/cistern")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            DedupIndexMigration.migrate(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot move the dedup index onto (store, hash): " + e.getMessage(), e);
        }
    }
}
