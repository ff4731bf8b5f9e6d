package io.cistern.core.payload;

import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.FilesystemBlockStore;
import io.cistern.core.blocks.S3BlockStore;
import io.cistern.core.blocks.S3StoreConfig;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.service.CredentialVault;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Opens a store an administrator defined ({@code block_store} rows other than the default one): a filesystem
 * directory, or an S3 bucket with the same client and limits as the default S3 store, its credentials opened from
 * their seals.
 */
final class DefinedStores {
    private static final String DEFINITION = "select kind, directory, endpoint, bucket, prefix, region, path_style,"
            + " access_key_sealed, secret_key_sealed from block_store where id = ?";

    private DefinedStores() {
    }

    static BlockStore open(DataSource dataSource, CredentialVault vault, long storeId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(DEFINITION)) {
            query.setLong(1, storeId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("block store " + storeId + " is not defined");
                }
                String kind = row.getString(1);
                if (BlockStoreRow.FILESYSTEM.equals(kind)) {
                    return new FilesystemBlockStore(Path.of(row.getString(2)));
                }
                if (BlockStoreRow.S3.equals(kind)) {
                    return new S3BlockStore(s3Config(row, vault, storeId));
                }
                throw new IllegalStateException("block store " + storeId + " is of kind " + kind
                        + ", which cannot be opened here");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the definition of block store " + storeId + ": "
                    + e.getMessage(), e);
        }
    }

    private static S3StoreConfig s3Config(ResultSet row, CredentialVault vault, long storeId) throws SQLException {
        String endpoint = row.getString(3);
        byte[] access = row.getBytes(8);
        byte[] secret = row.getBytes(9);
        String accessKey = access == null ? null : vault.openStoreSecret(storeId, BlockStoreRow.ACCESS_KEY, access);
        String secretKey = secret == null ? null : vault.openStoreSecret(storeId, BlockStoreRow.SECRET_KEY, secret);
        return new S3StoreConfig(endpoint == null ? null : URI.create(endpoint), row.getString(6), row.getString(4),
                row.getString(5), row.getBoolean(7), accessKey, secretKey, BlockStores.S3_TIMEOUT,
                BlockStores.S3_ATTEMPTS);
    }
}
