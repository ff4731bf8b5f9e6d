package io.cistern.core.stores;

import java.util.List;

/**
 * A block store as the admin API shows it: never a credential, at most whether one is set and the access key id
 * masked.
 *
 * @param name        unique; {@code default} is the store the environment configures
 * @param kind        {@code filesystem} or {@code s3}
 * @param readOnly    true for the default store, whose definition comes from the environment at each start
 * @param directory   a filesystem store's directory; null for S3
 * @param endpoint    the S3 endpoint; null for AWS itself and for the filesystem
 * @param bucket      the S3 bucket; null for the filesystem
 * @param prefix      the S3 key prefix; null for the filesystem
 * @param region      the S3 signing region; null for the filesystem
 * @param pathStyle   S3 path-style addressing; null for the filesystem
 * @param credentials S3: {@code static}, {@code default chain} or {@code incomplete}; null for the filesystem
 * @param accessKey   the S3 access key id, masked; null when unset
 * @param shares      the shares keeping their blocks in it, by name
 */
public record StoreView(String name, String kind, boolean readOnly, String directory, String endpoint, String bucket,
                        String prefix, String region, Boolean pathStyle, String credentials, String accessKey,
                        List<String> shares) {
}
