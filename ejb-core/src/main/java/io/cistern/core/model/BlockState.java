package io.cistern.core.model;

/** Where a block's bytes are. Stored by name in {@code block.state}. */
public enum BlockState {
    /** In the block store; readers may fetch it from there. */
    UPLOADED,
    /**
     * Not known to be in the store: garbage collection marked the block (refcount 0) before deleting its object, and
     * may have deleted it already. The next reference puts the block again and makes the row UPLOADED; the next
     * collection finishes a delete that failed half way. Only ever with refcount 0.
     */
    PENDING
}
