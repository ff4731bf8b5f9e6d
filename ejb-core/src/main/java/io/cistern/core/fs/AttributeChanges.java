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
 * @param birthTime new birth (creation) time: SMB's FileBasicInformation sets it, NFSv3 cannot
 * @param ctime new change time, which SMB may set too; it is then kept instead of the time of this change
 */
public record AttributeChanges(Integer mode, Integer uid, Integer gid, Long size, TimeChange atime, TimeChange mtime,
                               TimeChange birthTime, TimeChange ctime) {

    public AttributeChanges {
        atime = atime == null ? TimeChange.KEEP : atime;
        mtime = mtime == null ? TimeChange.KEEP : mtime;
        birthTime = birthTime == null ? TimeChange.KEEP : birthTime;
        ctime = ctime == null ? TimeChange.KEEP : ctime;
    }

    /** The changes NFSv3's SETATTR can ask for: birth and change times as they are. */
    public AttributeChanges(Integer mode, Integer uid, Integer gid, Long size, TimeChange atime, TimeChange mtime) {
        this(mode, uid, gid, size, atime, mtime, TimeChange.KEEP, TimeChange.KEEP);
    }

    public static AttributeChanges none() {
        return new AttributeChanges(null, null, null, null, TimeChange.KEEP, TimeChange.KEEP);
    }

    public AttributeChanges withMode(int newMode) {
        return new AttributeChanges(newMode, uid, gid, size, atime, mtime, birthTime, ctime);
    }

    public AttributeChanges withOwner(Integer newUid, Integer newGid) {
        return new AttributeChanges(mode, newUid, newGid, size, atime, mtime, birthTime, ctime);
    }

    public AttributeChanges withSize(long newSize) {
        return new AttributeChanges(mode, uid, gid, newSize, atime, mtime, birthTime, ctime);
    }

    public AttributeChanges withTimes(TimeChange newAtime, TimeChange newMtime) {
        return new AttributeChanges(mode, uid, gid, size, newAtime, newMtime, birthTime, ctime);
    }

    public AttributeChanges withBirthAndChangeTimes(TimeChange newBirthTime, TimeChange newCtime) {
        return new AttributeChanges(mode, uid, gid, size, atime, mtime, newBirthTime, newCtime);
    }
}
