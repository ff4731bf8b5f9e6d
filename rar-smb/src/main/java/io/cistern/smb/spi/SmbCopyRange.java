package io.cistern.smb.spi;

/**
 * One range of a server-side copy: {@code length} bytes from {@code sourceOffset} of the source file to
 * {@code targetOffset} of the target file. The adapter has checked that both offsets are non-negative and that
 * the length is positive and within its limits.
 */
public record SmbCopyRange(long sourceOffset, long targetOffset, int length) {
    public SmbCopyRange {
        if (sourceOffset < 0 || targetOffset < 0 || length <= 0) {
            throw new IllegalArgumentException("copy range " + sourceOffset + " -> " + targetOffset + ", " + length);
        }
    }
}
