package io.cistern.core.fs;

/**
 * The attributes an NFS client compares to validate its cache before an operation (RFC 1813 wcc_attr).
 *
 * @param size  bytes
 * @param mtime nanoseconds since the epoch
 * @param ctime nanoseconds since the epoch
 */
public record WccAttributes(long size, long mtime, long ctime) {
}
