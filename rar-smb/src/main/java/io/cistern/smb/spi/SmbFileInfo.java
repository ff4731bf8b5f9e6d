package io.cistern.smb.spi;

/**
 * What SMB reports of a file or directory: the adapter builds each information class ([MS-FSCC] 2.4) from it. Times
 * are nanoseconds since the Unix epoch; the adapter converts them to FILETIME.
 *
 * @param fileId         unique in the installation and never reused while the file exists (FileInternalInformation)
 * @param directory      whether it is a directory
 * @param size           end of file in bytes; 0 for a directory
 * @param allocationSize bytes the file takes on disk, as the client sees it
 * @param creationTime   birth time
 * @param lastAccessTime last access
 * @param lastWriteTime  last change of contents (of entries, for a directory)
 * @param changeTime     last change of the file's metadata
 * @param mode           the POSIX permission bits, 07777: no owner write bit reads as FILE_ATTRIBUTE_READONLY
 * @param uid            the owner, for security descriptors
 * @param gid            the group, for security descriptors
 * @param links          the number of names (FileStandardInformation.NumberOfLinks)
 */
public record SmbFileInfo(long fileId, boolean directory, long size, long allocationSize, long creationTime,
                          long lastAccessTime, long lastWriteTime, long changeTime, int mode, int uid, int gid,
                          int links) {

    /** Whether the owner may not write it, which Windows shows as the read-only attribute. */
    public boolean readOnly() {
        return (mode & 0200) == 0;
    }
}
