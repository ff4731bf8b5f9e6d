package io.cistern.nfs.spi;

/** wcc_attr (RFC 1813 section 2.6): size and times of an object before an operation changed it. */
public record NfsWccBefore(long size, long mtimeNanos, long ctimeNanos) {
}
