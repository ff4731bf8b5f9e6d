package io.cistern.core.payload;

import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.FilesystemBlockStore;
import io.cistern.core.blocks.S3BlockStore;
import io.cistern.core.blocks.S3StoreConfig;
import io.cistern.core.config.CisternSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Opens the block store the settings name: the filesystem under the data directory unless S3 is configured. */
final class BlockStores {
    static final Duration S3_TIMEOUT = Duration.ofSeconds(60);
    static final int S3_ATTEMPTS = 4;

    private BlockStores() {
    }

    static BlockStore open(Path dataDirectory) {
        String kind = CisternSettings.blockStoreKind();
        return switch (kind) {
            case "filesystem" -> new FilesystemBlockStore(dataDirectory.resolve("blocks"));
            case "s3" -> new S3BlockStore(s3Config());
            default -> throw new IllegalArgumentException("unknown block store '" + kind
                    + "' (cistern.store / CISTERN_STORE): use filesystem or s3");
        };
    }

    private static S3StoreConfig s3Config() {
        String bucket = CisternSettings.s3("bucket").orElseThrow(() -> new IllegalArgumentException(
                "an S3 block store needs a bucket: set cistern.s3.bucket / CISTERN_S3_BUCKET"));
        URI endpoint = CisternSettings.s3("endpoint").map(URI::create).orElse(null);
        String accessKey = CisternSettings.s3("access_key").orElse(null);
        String secretKey = CisternSettings.s3SecretKey().orElse(null);
        return new S3StoreConfig(endpoint, CisternSettings.s3("region").orElse(null), bucket,
                CisternSettings.s3("prefix").orElse(""), CisternSettings.s3PathStyle(), accessKey, secretKey, S3_TIMEOUT, S3_ATTEMPTS);
    }
}
