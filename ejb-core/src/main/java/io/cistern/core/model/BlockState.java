package io.cistern.core.model;

/** Where a block's bytes are. Stored by name in {@code block.state}. */
public enum BlockState {
    /** In the block store; readers may fetch it from there. */
    UPLOADED,
    /**
     * Not known to be in the store: garbage collection marked the block (refcount 0) before deleting its object, and
     * may have deleted it already. The next reference puts the block again and makes the row UPLOADED; the next
     * collection finishes a delete that failed half way. With refcount 0, except after an audit repair found the
     * object of a block that files use missing and had no good copy to put back: it then keeps their count, and the
     * next write of the same content stores the block again (see {@code io.cistern.core.audit.BlockRepair}).
     */
    PENDING
}
