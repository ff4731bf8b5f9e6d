package io.cistern.core.config;

import io.cistern.core.blocks.S3StoreConfig;
import java.util.Optional;
import java.util.function.Function;

/**
 * The block store the settings name, as an administrator may see it: where the blocks are, and whether credentials
 * are set, never the credentials themselves. Every share keeps its blocks in this one store.
 *
 * @param kind        {@code filesystem} or {@code s3}
 * @param directory   the filesystem store's directory; null for S3
 * @param endpoint    the S3 endpoint; null for AWS itself, and for the filesystem
 * @param bucket      the S3 bucket; null for the filesystem
 * @param prefix      the S3 key prefix (may be empty); null for the filesystem
 * @param region      the S3 signing region; null for the filesystem
 * @param pathStyle   S3 path-style addressing; null for the filesystem
 * @param credentials {@code static} (access and secret key set), {@code default chain} (neither: the AWS SDK's own),
 *                    or {@code incomplete} (only one of them: the store does not open); null for the filesystem
 * @param accessKey   the access key id masked to its first and last characters; null when unset
 */
public record ConfiguredStore(String kind, String directory, String endpoint, String bucket, String prefix,
                              String region, Boolean pathStyle, String credentials, String accessKey) {
    public static final String FILESYSTEM = "filesystem";
    public static final String S3 = "s3";
    private static final int SHOWN_AT_EACH_END = 3;
    private static final int SHORTEST_SHOWN = 12;

    /** The store this process's settings name. */
    public static ConfiguredStore fromSettings() {
        return of(CisternSettings.blockStoreKind(), CisternSettings.dataDirectory().resolve("blocks").toString(),
                CisternSettings::s3, CisternSettings.s3PathStyle(), CisternSettings.s3SecretKey().isPresent());
    }

    /**
     * The store described from its settings: {@code s3} answers an S3 setting by its short name ({@code bucket},
     * {@code access_key}…); the secret key is only known to be set or not.
     */
    static ConfiguredStore of(String kind, String blocksDirectory, Function<String, Optional<String>> s3,
                              boolean pathStyle, boolean secretKeySet) {
        if (!S3.equals(kind)) {
            return new ConfiguredStore(kind, FILESYSTEM.equals(kind) ? blocksDirectory : null, null, null, null, null,
                    null, null, null);
        }
        Optional<String> accessKey = s3.apply("access_key");
        String credentials = accessKey.isPresent() && secretKeySet ? "static"
                : accessKey.isEmpty() && !secretKeySet ? "default chain" : "incomplete";
        return new ConfiguredStore(kind, null, s3.apply("endpoint").orElse(null), s3.apply("bucket").orElse(null),
                s3.apply("prefix").orElse(""), s3.apply("region").orElse(S3StoreConfig.DEFAULT_REGION), pathStyle, credentials,
                accessKey.map(ConfiguredStore::mask).orElse(null));
    }

    /** Enough of a key id to tell two apart, too little to use: a short one shows nothing but that it is set. */
    public static String mask(String key) {
        String trimmed = key.trim();
        if (trimmed.length() < SHORTEST_SHOWN) {
            return "…";
        }
        return trimmed.substring(0, SHOWN_AT_EACH_END) + "…" + trimmed.substring(trimmed.length() - SHOWN_AT_EACH_END);
    }
}
