package io.cistern.smb.spi;

/**
 * One range of a LOCK request for the application: {@code length} bytes from {@code offset}, both unsigned 64-bit
 * values as the client sent them (a length of 0 is a lock of no bytes, which Windows keeps and releases like any
 * other), shared or exclusive (ignored for an unlock). The adapter has refused ranges that wrap past 2^64 - 1.
 */
public record SmbLockRange(long offset, long length, boolean exclusive) {
}
