package io.cistern.core.blocks;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how to reach an S3 bucket.
 *
 * @param endpoint    an S3-compatible endpoint (MinIO, Ceph, S3Proxy…); null means AWS itself
 * @param region      the signing region; null means us-east-1, which S3-compatible servers accept
 * @param bucket      the bucket, which must exist
 * @param prefix      put before every key, as it is: {@code "cistern/"} gives {@code cistern/ab/cd/<hex>}; may be empty
 * @param pathStyle   {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}: most S3-compatible
 *                    servers need it, because virtual-host names need wildcard DNS
 * @param accessKey   with {@code secretKey}, static credentials; both null means the SDK's default chain
 *                    (environment, profile, instance or container role)
 * @param secretKey   never printed: {@link #toString()} leaves both keys out
 * @param timeout     the whole call including its retries; each attempt gets {@code timeout / maxAttempts},
 *                    and a 4 MiB put must fit in that
 * @param maxAttempts tries per call, the first included (1 = no retry)
 */
public record S3StoreConfig(URI endpoint, String region, String bucket, String prefix, boolean pathStyle,
        String accessKey, String secretKey, Duration timeout, int maxAttempts) {

    public static final String DEFAULT_REGION = "us-east-1";

    public S3StoreConfig {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 block store needs a bucket");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("give both the access key and the secret key, or neither");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the S3 timeout must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts counts the first try: at least 1");
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region;
        prefix = prefix == null ? "" : prefix;
    }

    /** The same store under another key prefix (tests, or several installations sharing one bucket). */
    public S3StoreConfig withPrefix(String otherPrefix) {
        return new S3StoreConfig(endpoint, region, bucket, otherPrefix, pathStyle, accessKey, secretKey, timeout, maxAttempts);
    }

    /** The same store with other credentials. */
    public S3StoreConfig withCredentials(String otherAccessKey, String otherSecretKey) {
        return new S3StoreConfig(endpoint, region, bucket, prefix, pathStyle, otherAccessKey, otherSecretKey, timeout,
                maxAttempts);
    }

    /** The bucket and prefix as one location, for messages. */
    String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    /** Everything except the credentials, of which only their source is told. */
    @Override
    public String toString() {
        return "S3StoreConfig[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region
                + ", bucket=" + bucket + ", prefix=" + prefix + ", pathStyle=" + pathStyle
                + ", credentials=" + (accessKey == null ? "default chain" : "static") + ", timeout=" + timeout
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
