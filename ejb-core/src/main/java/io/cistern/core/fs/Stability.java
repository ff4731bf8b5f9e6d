package io.cistern.core.fs;

/**
 * How durable a write must be before it is acknowledged: RFC 1813's stable_how. SMB writes are UNSTABLE unless
 * WRITE_THROUGH is asked for (FILE_SYNC); SMB FLUSH is a COMMIT.
 */
public enum Stability {
    /** In the server's memory (here: its journal in the page cache); durable after a COMMIT. */
    UNSTABLE,
    /** The data on stable storage. */
    DATA_SYNC,
    /** The data and the metadata on stable storage. */
    FILE_SYNC
}
