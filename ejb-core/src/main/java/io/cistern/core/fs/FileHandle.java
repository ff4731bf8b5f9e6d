package io.cistern.core.fs;

/**
 * What an NFS file handle names: an inode of a share, in one incarnation. {@link FileHandles} turns it into the
 * opaque bytes a client holds.
 *
 * @param shareId    the share (export) the inode belongs to
 * @param inodeId    the inode
 * @param generation changes when an inode id is used again, so that an old handle becomes stale
 */
public record FileHandle(long shareId, long inodeId, int generation) {

    // written out: the generated ones go through method handles, and handles are hashed once per listed entry
    @Override
    public boolean equals(Object other) {
        return other instanceof FileHandle that && that.inodeId == inodeId && that.shareId == shareId
                && that.generation == generation;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(inodeId) * 31 + Long.hashCode(shareId)) * 31 + generation;
    }
}
