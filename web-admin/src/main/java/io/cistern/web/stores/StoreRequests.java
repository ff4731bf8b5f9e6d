package io.cistern.web.stores;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies the stores endpoints read. */
public final class StoreRequests {
    private StoreRequests() {
    }

    /** A new store. */
    @Schema(name = "NewStore")
    public static class NewStore {
        @Schema(required = true, maxLength = 80, description = "letters, digits, '.', '_' or '-', beginning with a letter"
                + " or digit; unique ignoring case")
        public String name;
        @Schema(required = true, enumeration = {"filesystem", "s3"})
        public String kind;
        @Schema(description = "filesystem: an absolute directory the server can write (made if missing), apart from"
                + " every other store's directory")
        public String directory;
        @Schema(description = "s3: an http or https endpoint without credentials in it; omitted for AWS")
        public String endpoint;
        @Schema(description = "s3: the bucket, which must exist and be listable with the credentials")
        public String bucket;
        @Schema(description = "s3: put before every key (empty when omitted); in the same bucket, no other store's"
                + " prefix may begin with it nor it with another's")
        public String prefix;
        @Schema(description = "s3: the signing region; us-east-1 when omitted")
        public String region;
        @Schema(description = "s3: path-style addressing; when omitted, true with an endpoint, false for AWS")
        public Boolean pathStyle;
        @Schema(description = "s3: the access key id, with secretKey (both omitted: the AWS SDK's default chain);"
                + " kept sealed, shown masked", writeOnly = true)
        public String accessKey;
        @Schema(description = "s3: the secret key; kept sealed, never shown, logged or audited", writeOnly = true,
                format = "password")
        public String secretKey;

        io.cistern.core.stores.StoreChange change() {
            return new io.cistern.core.stores.StoreChange(name, kind, directory, endpoint, bucket, prefix, region,
                    pathStyle, accessKey, secretKey);
        }

        @Override
        public String toString() {
            return change().toString();
        }
    }

    /**
     * A change of a store: a new name; a filesystem store's directory or an S3 store's bucket, prefix and endpoint
     * (only while the store holds no block); an S3 store's region, addressing and credentials.
     */
    @Schema(name = "StoreUpdate")
    public static class Update {
        @Schema(maxLength = 80, description = "a new name, under a new store's rules; omitted: the name stays")
        public String name;
        @Schema(description = "a new directory, under a new store's rules; only while the store holds no block"
                + " (409 not_empty)")
        public String directory;
        @Schema(description = "s3: a new endpoint (empty: AWS); only while the store holds no block")
        public String endpoint;
        @Schema(description = "s3: a new bucket; only while the store holds no block")
        public String bucket;
        @Schema(description = "s3: a new prefix; only while the store holds no block")
        public String prefix;
        @Schema(description = "s3: a new signing region")
        public String region;
        @Schema(description = "s3: path-style addressing or not")
        public Boolean pathStyle;
        @Schema(description = "s3: a new access key id, with its secretKey (empty, without secretKey: the default"
                + " chain)", writeOnly = true)
        public String accessKey;
        @Schema(description = "s3: a new secret key; alone, for the same access key id", writeOnly = true,
                format = "password")
        public String secretKey;

        boolean isEmpty() {
            return name == null && directory == null && endpoint == null && bucket == null && prefix == null
                    && region == null && pathStyle == null && accessKey == null && secretKey == null;
        }

        io.cistern.core.stores.StoreChange change() {
            return new io.cistern.core.stores.StoreChange(name, null, directory, endpoint, bucket, prefix, region,
                    pathStyle, accessKey, secretKey);
        }

        @Override
        public String toString() {
            return change().toString();
        }
    }
}
