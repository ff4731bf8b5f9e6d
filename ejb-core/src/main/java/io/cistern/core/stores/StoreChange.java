package io.cistern.core.stores;

/**
 * What an administrator asks of a store: a new one's definition, or a change (a null field stays as it is). The
 * credentials are never shown: {@link #toString()} and {@link #describe()} tell only whether they are given.
 *
 * @param name      the store's name (a change: the new name)
 * @param kind      {@code filesystem} or {@code s3}; only for a new store
 * @param directory a filesystem store's directory
 * @param endpoint  an S3 store's endpoint; empty (in a change) for AWS itself
 * @param bucket    an S3 store's bucket
 * @param prefix    an S3 store's key prefix
 * @param region    an S3 store's signing region
 * @param pathStyle an S3 store's addressing
 * @param accessKey an S3 store's access key id; sealed, shown masked
 * @param secretKey an S3 store's secret key; sealed, never shown
 */
public record StoreChange(String name, String kind, String directory, String endpoint, String bucket, String prefix,
                          String region, Boolean pathStyle, String accessKey, String secretKey) {

    /** A filesystem store. */
    public static StoreChange filesystem(String name, String directory) {
        return new StoreChange(name, "filesystem", directory, null, null, null, null, null, null, null);
    }

    /** Whether any of the S3 fields is given. */
    boolean hasS3Fields() {
        return endpoint != null || bucket != null || prefix != null || region != null || pathStyle != null
                || accessKey != null || secretKey != null;
    }

    /** The first S3 field given, by its API name, for an error about a store that is not S3. */
    String firstS3Field() {
        return endpoint != null ? "endpoint" : bucket != null ? "bucket" : prefix != null ? "prefix"
                : region != null ? "region" : pathStyle != null ? "pathStyle" : accessKey != null ? "accessKey"
                : "secretKey";
    }

    /**
     * What the audit log keeps: every field given but the credentials, of which only that they were given (and
     * never even the masked key id, which would tell a reader of the log which key was rotated in).
     */
    public String describe() {
        StringBuilder detail = new StringBuilder();
        append(detail, "kind", kind);
        append(detail, "directory", directory);
        append(detail, "endpoint", endpoint);
        append(detail, "bucket", bucket);
        append(detail, "prefix", prefix);
        append(detail, "region", region);
        append(detail, "pathStyle", pathStyle == null ? null : pathStyle.toString());
        if (accessKey != null || secretKey != null) {
            detail.append("credentials=given ");
        }
        String text = detail.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static void append(StringBuilder detail, String key, String value) {
        if (value != null) {
            detail.append(key).append('=').append(value).append(' ');
        }
    }

    @Override
    public String toString() {
        return "StoreChange[name=" + name + " " + describe() + "]";
    }
}
