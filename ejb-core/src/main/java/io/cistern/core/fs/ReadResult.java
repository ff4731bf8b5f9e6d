package io.cistern.core.fs;

import java.nio.ByteBuffer;

/**
 * What a READ returned.
 *
 * @param content    the bytes (its remaining ones), fewer than asked at the end of the file; read-only, and often
 *                   a view of a block the server keeps in memory, so that a protocol adapter copies them once,
 *                   straight into its reply
 * @param eof        the read reached the end of the file
 * @param attributes the file as it is
 */
public record ReadResult(ByteBuffer content, boolean eof, Attributes attributes) {

    public ReadResult {
        content = content.asReadOnlyBuffer();
    }

    /** The bytes in an array of their own. */
    public byte[] data() {
        byte[] bytes = new byte[content.remaining()];
        content.duplicate().get(bytes);
        return bytes;
    }
}
