package io.cistern.core.fs;

/** How CREATE treats an existing name (RFC 1813 createmode3). */
public enum CreateMode {
    /** An existing regular file is kept (and truncated if the attributes say so). */
    UNCHECKED,
    /** An existing name fails with EXISTS. */
    GUARDED,
    /** Atomic create keyed by a client verifier: a retransmission finds its own file and succeeds. */
    EXCLUSIVE
}
