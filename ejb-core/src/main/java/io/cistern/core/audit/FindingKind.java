package io.cistern.core.audit;

/** What the audit found wrong with a block. */
public enum FindingKind {
    /** Stored, but its content does not hash to its address. */
    CORRUPT,
    /** A file maps a piece to it, and the store does not have it. */
    MISSING,
    /** {@code block.refcount} differs from the number of {@code file_block} rows naming it. */
    REFCOUNT_MISMATCH,
    /** Stored, and no {@code block} row knows it. */
    ORPHAN
}
