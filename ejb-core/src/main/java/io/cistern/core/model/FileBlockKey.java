package io.cistern.core.model;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of a {@link FileBlock}: the inode and the block's index in it. */
public class FileBlockKey implements Serializable {
    private static final long serialVersionUID = 1L;

    private long inodeId;
    private long blockIndex;

    public FileBlockKey() {
    }

    public FileBlockKey(long inodeId, long blockIndex) {
        this.inodeId = inodeId;
        this.blockIndex = blockIndex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileBlockKey that && inodeId == that.inodeId && blockIndex == that.blockIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inodeId, blockIndex);
    }
}
