package io.cistern.core.fs;

/**
 * What a SETATTR asks to change; null leaves a value as it is.
 *
 * @param mode  new permission bits
 * @param uid   new owner
 * @param gid   new group
 * @param size  new size (truncate or extend)
 * @param atime new access time
 * @param mtime new modification time
 */
public record AttributeChanges(Integer mode, Integer uid, Integer gid, Long size, TimeChange atime, TimeChange mtime) {

    public AttributeChanges {
        atime = atime == null ? TimeChange.KEEP : atime;
        mtime = mtime == null ? TimeChange.KEEP : mtime;
    }

    public static AttributeChanges none() {
        return new AttributeChanges(null, null, null, null, TimeChange.KEEP, TimeChange.KEEP);
    }

    public AttributeChanges withMode(int newMode) {
        return new AttributeChanges(newMode, uid, gid, size, atime, mtime);
    }

    public AttributeChanges withOwner(Integer newUid, Integer newGid) {
        return new AttributeChanges(mode, newUid, newGid, size, atime, mtime);
    }

    public AttributeChanges withSize(long newSize) {
        return new AttributeChanges(mode, uid, gid, newSize, atime, mtime);
    }

    public AttributeChanges withTimes(TimeChange newAtime, TimeChange newMtime) {
        return new AttributeChanges(mode, uid, gid, size, newAtime, newMtime);
    }
}
