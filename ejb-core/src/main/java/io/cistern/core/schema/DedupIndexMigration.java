package io.cistern.core.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;

/**
 * Moves the dedup index of a database made when there was one block store onto (store, hash): {@code block} rows
 * were keyed by hash alone, and the same bytes kept in two stores are now two rows. EclipseLink's
 * create-or-extend-tables adds the {@code store_id} column (filled with the default store's id, which every existing
 * block is in) but never changes a primary key; this does, once. Run again, it finds the key moved and changes
 * nothing. It also makes sure the default store's row exists, since every share and block names it, and widens
 * {@code store_statistics}' key to a store's name.
 */
public final class DedupIndexMigration {
    private static final Logger LOG = Logger.getLogger(DedupIndexMigration.class.getName());
    private static final List<String> KEY = List.of("store_id", "hash");

    /*
     * The table of io.cistern.core.model.BlockStoreRow, for a database the entity has not reached yet (EclipseLink then
     * adds the columns this lacks).
     */
    private static final String STORE_TABLE = "create table if not exists block_store (id bigint not null primary key,"
            + " name varchar(80) not null unique, kind varchar(16) not null, directory varchar(4000))";
    /*
     * store_statistics was keyed by the default store's kind (varchar(32)); it is keyed by a store's name now, up to 80
     * characters. create-or-extend-tables adds columns but never widens one.
     */
    private static final String WIDEN_STATISTICS_KEY = "alter table if exists store_statistics"
            + " alter column store type varchar(80)";
    private static final String DEFAULT_STORE = "insert into block_store (id, name, kind)"
            + " values (0, 'default', 'environment') on conflict (id) do nothing";

    private DedupIndexMigration() {
    }

    /** Migrates, in one transaction on {@code connection}; true when this changed the key, false when it was done. */
    public static boolean migrate(Connection connection) throws SQLException {
        return MigrationTransaction.run(connection, "block", statement -> {
            statement.execute(STORE_TABLE);
            statement.execute(DEFAULT_STORE);
            statement.execute(WIDEN_STATISTICS_KEY);
            List<String> key = PrimaryKeyOrder.columns(connection, "block");
            boolean change = !key.equals(KEY);
            if (change) {
                statement.execute("alter table block add column if not exists store_id bigint default 0 not null");
                PrimaryKeyOrder.ensure(connection, "block", KEY);
                LOG.info(() -> "dedup index: block keyed by (store_id, hash) instead of " + key
                        + "; the blocks there were are in the default store");
            }
            return change;
        });
    }
}
