package io.cistern.core.model;

/** Where a block's bytes are. Stored by name in {@code block.state}. */
public enum BlockState {
    /** In the block store; readers may fetch it from there. */
    UPLOADED,
    /** Known by hash but not yet in the store (reserved for uploads that map before they put). */
    PENDING
}
