package io.cistern.core.blocks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The 8 bytes {@link FilesystemBlockStore} writes after a block's content in its file: the CRC32C of the content,
 * then a fixed marker, both little-endian. The marker comes last so that a reader finds it at the end of the file
 * whatever the content's length, and tells a block file with a trailer from one written before trailers existed
 * (which is only content). A legacy file that happens to end in the marker followed by nothing else would be
 * misread as sealed only if the four bytes before the marker were also the CRC32C of the rest: about one chance in
 * 2^64, and even then the read falls back to SHA-256 only if the checksum does not hold.
 */
final class BlockFileTrailer {
    static final int SIZE = 8;
    /** "CBK1" read as a little-endian int: a Cistern block, trailer version 1. */
    static final int MARKER = 0x314B_4243;

    private BlockFileTrailer() {
    }

    /** The trailer for {@code content}'s remaining bytes; the buffer's position does not move. */
    static ByteBuffer of(ByteBuffer content) {
        CRC32C crc = new CRC32C();
        crc.update(content.duplicate());
        return ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue()).putInt(MARKER).flip();
    }

    /** Whether the last {@link #SIZE} bytes of a file, in {@code tail}, are a trailer. */
    static boolean isTrailer(ByteBuffer tail) {
        return tail.remaining() == SIZE && tail.order(ByteOrder.LITTLE_ENDIAN).getInt(tail.position() + 4) == MARKER;
    }

    /** Whether {@code content} matches the checksum in {@code trailer} (one that {@link #isTrailer} accepted). */
    static boolean holds(byte[] content, ByteBuffer trailer) {
        CRC32C crc = new CRC32C();
        crc.update(content, 0, content.length);
        return (int) crc.getValue() == trailer.order(ByteOrder.LITTLE_ENDIAN).getInt(trailer.position());
    }
}
