package io.cistern.core.fs;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * What a READ returned as pieces held in memory ({@code PayloadService.readHeldPieces}): the bytes are the pieces'
 * remaining ones, in order, fewer than asked at the end of the file.
 *
 * @param pieces     the bytes, one read-only buffer for each block the read touched; nobody changes them until
 *                   {@code release} has run
 * @param eof        the read reached the end of the file
 * @param attributes the file as it is
 * @param release    lets the server reuse the memory under the pieces: the reader runs it once, when it has sent or
 *                   dropped the bytes (running it again does nothing)
 */
public record PiecedRead(List<ByteBuffer> pieces, boolean eof, Attributes attributes, Runnable release) {
    public PiecedRead {
        pieces = pieces.stream().map(ByteBuffer::asReadOnlyBuffer).toList();
        Objects.requireNonNull(release, "release");
    }

    /** How many bytes the pieces hold together. */
    public long length() {
        long total = 0;
        for (ByteBuffer piece : pieces) {
            total += piece.remaining();
        }
        return total;
    }
}
