package io.cistern.core.fs;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What a READ returned.
 *
 * @param content    the bytes (its remaining ones), fewer than asked at the end of the file; read-only
 * @param eof        the read reached the end of the file
 * @param attributes the file as it is
 * @param release    for a held read, lets the server reuse the memory under {@code content}: the reader runs it
 *                   once, when it has sent or dropped the bytes (running it again does nothing). A no-op for a
 *                   read whose bytes are the reader's to keep
 */
public record ReadResult(ByteBuffer content, boolean eof, Attributes attributes, Runnable release) {
    private static final Runnable NOTHING = () -> { };

    public ReadResult {
        content = content.asReadOnlyBuffer();
        Objects.requireNonNull(release, "release");
    }

    /** A read whose bytes are the reader's to keep. */
    public ReadResult(ByteBuffer content, boolean eof, Attributes attributes) {
        this(content, eof, attributes, NOTHING);
    }

    /** The bytes in an array of their own. */
    public byte[] data() {
        byte[] bytes = new byte[content.remaining()];
        content.duplicate().get(bytes);
        return bytes;
    }
}
