package io.cistern.smb.spi;

import java.nio.ByteBuffer;

/**
 * Bytes read from a file: fewer than asked at the end of the file, none at or beyond it (which the adapter answers
 * with STATUS_END_OF_FILE).
 */
public record SmbReadReply(SmbFileStatus status, ByteBuffer data) {
    public SmbReadReply {
        data = data == null ? ByteBuffer.allocate(0) : data.asReadOnlyBuffer();
    }

    public static SmbReadReply failure(SmbFileStatus status) {
        return new SmbReadReply(status, null);
    }
}
