package io.cistern.core.stores;

import io.cistern.core.blocks.S3BucketCheck;
import io.cistern.core.blocks.S3StoreConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An S3 store's definition as an administrator gives it, checked field by field (each error names its field), and
 * the check that the bucket answers with those credentials. {@link #toString()} never shows a credential.
 *
 * @param endpoint  an http or https URI without credentials in it; null for AWS itself
 * @param bucket    the bucket, which must exist
 * @param prefix    put before every key; empty for none
 * @param region    the signing region
 * @param pathStyle path-style addressing
 * @param accessKey with {@code secretKey}, static credentials; both null: the AWS SDK's default chain
 * @param secretKey never shown, logged nor audited
 */
record S3Definition(URI endpoint, String bucket, String prefix, String region, boolean pathStyle, String accessKey,
                    String secretKey) {
    /** The check at create and change: short, so that a wrong endpoint is an answer within seconds, not a minute. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);
    private static final int CHECK_ATTEMPTS = 2;
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final int MAX_PREFIX = 1024;
    private static final int MAX_KEY = 128;

    /** The fields checked; {@code pathStyle} null: true with an endpoint, as for the default store. */
    static S3Definition of(String endpoint, String bucket, String prefix, String region, Boolean pathStyle,
                           String accessKey, String secretKey) {
        URI uri = endpoint(endpoint);
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw StoreException.invalid("bucket", "an S3 store needs a bucket name: 3 to 63 lower-case letters,"
                    + " digits, '.' or '-', beginning and ending with a letter or digit");
        }
        String checkedPrefix = prefix == null ? "" : prefix;
        if (checkedPrefix.length() > MAX_PREFIX || checkedPrefix.startsWith("/")
                || checkedPrefix.chars().anyMatch(Character::isISOControl)) {
            throw StoreException.invalid("prefix", "a prefix has at most " + MAX_PREFIX + " characters, no control"
                    + " character, and does not begin with '/'");
        }
        String checkedRegion = region == null || region.isBlank() ? S3StoreConfig.DEFAULT_REGION
                : region.toLowerCase(Locale.ROOT);
        if (!REGION.matcher(checkedRegion).matches()) {
            throw StoreException.invalid("region", "a region is lower-case letters, digits and '-', such as"
                    + " us-east-1");
        }
        checkCredentials(accessKey, secretKey);
        return new S3Definition(uri, bucket, checkedPrefix, checkedRegion, pathStyle == null ? uri != null : pathStyle,
                blankToNull(accessKey), blankToNull(secretKey));
    }

    /** The same store with other credentials. */
    S3Definition withCredentials(String otherAccessKey, String otherSecretKey) {
        return new S3Definition(endpoint, bucket, prefix, region, pathStyle, otherAccessKey, otherSecretKey);
    }

    /** Where its blocks are, for comparing with other S3 stores: endpoint (null for AWS), bucket. */
    boolean sameBucketAs(String otherEndpoint, String otherBucket) {
        String mine = endpoint == null ? "" : endpoint.toString().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        String theirs = otherEndpoint == null ? "" : otherEndpoint.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        return mine.equals(theirs) && bucket.equals(otherBucket);
    }

    /** Lists one key under the prefix; a failure is the store's error, naming the field to change. */
    void checkReachable() {
        try {
            S3BucketCheck.check(new S3StoreConfig(endpoint, region, bucket, prefix, pathStyle, accessKey, secretKey,
                    CHECK_TIMEOUT, CHECK_ATTEMPTS));
        } catch (S3BucketCheck.Failure e) {
            throw switch (e.problem()) {
                case UNREACHABLE -> new StoreException(StoreException.Kind.INVALID, "s3_unreachable", "endpoint",
                        e.getMessage());
                case NO_SUCH_BUCKET -> new StoreException(StoreException.Kind.INVALID, "s3_no_such_bucket", "bucket",
                        e.getMessage());
                case UNKNOWN_ACCESS_KEY -> new StoreException(StoreException.Kind.INVALID, "s3_access_denied",
                        "accessKey", e.getMessage());
                case WRONG_SECRET_KEY -> new StoreException(StoreException.Kind.INVALID, "s3_access_denied",
                        "secretKey", e.getMessage());
                case ACCESS_DENIED -> new StoreException(StoreException.Kind.INVALID, "s3_access_denied",
                        accessKey == null ? "accessKey" : "bucket", e.getMessage());
                case REFUSED -> new StoreException(StoreException.Kind.INVALID, "s3_refused", "bucket",
                        e.getMessage());
            };
        }
    }

    private static URI endpoint(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(given.trim());
        } catch (URISyntaxException e) {
            throw StoreException.invalid("endpoint", "not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw StoreException.invalid("endpoint", "an endpoint is an http or https URI with a host, such as"
                    + " https://s3.example.com:9000; leave it out for AWS");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // credentials go in their own fields, sealed; in a URI they would be shown and logged
            throw StoreException.invalid("endpoint", "an endpoint has no user, query or fragment: give the"
                    + " credentials as accessKey and secretKey");
        }
        return uri;
    }

    private static void checkCredentials(String accessKey, String secretKey) {
        boolean access = accessKey != null && !accessKey.isBlank();
        boolean secret = secretKey != null && !secretKey.isBlank();
        if (access != secret) {
            throw StoreException.invalid(access ? "secretKey" : "accessKey", "give both the access key id and the"
                    + " secret key, or neither (the AWS SDK's default credentials chain)");
        }
        if (access && (accessKey.length() > MAX_KEY || secretKey.length() > MAX_KEY
                || accessKey.chars().anyMatch(Character::isISOControl)
                || secretKey.chars().anyMatch(Character::isISOControl))) {
            throw StoreException.invalid(accessKey.length() > MAX_KEY ? "accessKey" : "secretKey", "a key has at most "
                    + MAX_KEY + " characters and no control character");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "S3Definition[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", bucket=" + bucket + ", prefix="
                + prefix + ", region=" + region + ", pathStyle=" + pathStyle + ", credentials="
                + (accessKey == null ? "default chain" : "static") + "]";
    }
}
