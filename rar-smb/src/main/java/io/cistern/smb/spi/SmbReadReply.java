package io.cistern.smb.spi;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Bytes read from a file: fewer than asked at the end of the file, none at or beyond it (which the adapter answers
 * with STATUS_END_OF_FILE).
 * <p>
 * The data may come in several pieces, read in order (a read that spans blocks of the application's cache is a
 * view of each), and it may be memory the application lends: nobody may change the pieces' bytes until
 * {@code release} has run. The adapter runs {@code release} exactly once, when the response has been written to
 * the socket or dropped (a closed connection, a failed encoding, an error answered instead): until then it may
 * send the bytes straight from that memory, without a copy of its own.
 */
public record SmbReadReply(SmbFileStatus status, List<ByteBuffer> pieces, Runnable release) {
    private static final Runnable NOTHING = () -> { };

    public SmbReadReply {
        pieces = pieces == null ? List.of() : pieces.stream().map(ByteBuffer::asReadOnlyBuffer).toList();
        release = release == null ? NOTHING : release;
    }

    /** Bytes nobody reuses: nothing to release. */
    public SmbReadReply(SmbFileStatus status, ByteBuffer data) {
        this(status, data == null ? List.of() : List.of(data), NOTHING);
    }

    public static SmbReadReply failure(SmbFileStatus status) {
        return new SmbReadReply(status, List.of(), NOTHING);
    }

    /** How many bytes the pieces hold together. */
    public long length() {
        long total = 0;
        for (ByteBuffer piece : pieces) {
            total += piece.remaining();
        }
        return total;
    }

    /**
     * All the bytes in one buffer (a copy when there are several pieces: for tests and callers that need one
     * buffer, never to count the bytes, which {@link #length} does); does not release.
     */
    public ByteBuffer data() {
        if (pieces.size() == 1) {
            return pieces.get(0).duplicate();
        }
        ByteBuffer joined = ByteBuffer.allocate(Math.toIntExact(length()));
        for (ByteBuffer piece : pieces) {
            joined.put(piece.duplicate());
        }
        return joined.flip().asReadOnlyBuffer();
    }
}
