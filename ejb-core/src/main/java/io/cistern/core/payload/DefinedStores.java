package io.cistern.core.payload;

import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.FilesystemBlockStore;
import io.cistern.core.model.BlockStoreRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Opens a store an administrator defined ({@code block_store} rows other than the default one). */
final class DefinedStores {
    private static final String DEFINITION = "select kind, directory from block_store where id = ?";

    private DefinedStores() {
    }

    static BlockStore open(DataSource dataSource, long storeId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(DEFINITION)) {
            query.setLong(1, storeId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("block store " + storeId + " is not defined");
                }
                String kind = row.getString(1);
                if (!BlockStoreRow.FILESYSTEM.equals(kind)) {
                    throw new IllegalStateException("block store " + storeId + " is of kind " + kind
                            + ", which cannot be opened here");
                }
                return new FilesystemBlockStore(Path.of(row.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the definition of block store " + storeId + ": "
                    + e.getMessage(), e);
        }
    }
}
