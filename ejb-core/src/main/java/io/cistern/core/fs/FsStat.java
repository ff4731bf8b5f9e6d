package io.cistern.core.fs;

/**
 * The figures of a share's file system (NFS FSSTAT, SMB FileFsSizeInformation).
 *
 * @param totalBytes     what the share holds plus the space still free
 * @param freeBytes      space free for new data
 * @param availableBytes space free for the caller (no quotas yet: the same)
 * @param totalFiles     inodes in use plus those still possible
 * @param freeFiles      inodes still possible
 */
public record FsStat(long totalBytes, long freeBytes, long availableBytes, long totalFiles, long freeFiles) {
}
