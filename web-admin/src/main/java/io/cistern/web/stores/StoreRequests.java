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
        @Schema(required = true, enumeration = {"filesystem", "s3"}, description = "filesystem; s3 is refused"
                + " (400 s3_not_built): only the default store can be S3 so far")
        public String kind;
        @Schema(description = "filesystem: an absolute directory the server can write (made if missing), apart from"
                + " every other store's directory")
        public String directory;
    }

    /** A change of a store: a new name, a new directory (only while the store holds no block). */
    @Schema(name = "StoreUpdate")
    public static class Update {
        @Schema(maxLength = 80, description = "a new name, under a new store's rules; omitted: the name stays")
        public String name;
        @Schema(description = "a new directory, under a new store's rules; only while the store holds no block"
                + " (409 not_empty)")
        public String directory;

        boolean isEmpty() {
            return name == null && directory == null;
        }
    }
}
