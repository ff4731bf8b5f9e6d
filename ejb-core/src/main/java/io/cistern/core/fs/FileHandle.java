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
}
