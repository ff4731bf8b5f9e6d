package io.cistern.smb.spi;

/**
 * A SET_INFO of FileBasicInformation ([MS-FSCC] 2.4.7) in the file system's terms: each field null when the client
 * leaves it as it is (0 or -1 on the wire). Times are nanoseconds since the Unix epoch.
 *
 * @param creationTime   a new birth time
 * @param lastAccessTime a new access time
 * @param lastWriteTime  a new modification time
 * @param changeTime     a new change time, kept instead of the time of this change
 * @param readOnly       FILE_ATTRIBUTE_READONLY set (remove the write bits) or cleared (give the owner write)
 */
public record SmbBasicChange(Long creationTime, Long lastAccessTime, Long lastWriteTime, Long changeTime,
                             Boolean readOnly) {
    public boolean isEmpty() {
        return creationTime == null && lastAccessTime == null && lastWriteTime == null && changeTime == null
                && readOnly == null;
    }
}
