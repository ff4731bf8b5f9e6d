package io.cistern.nfs.spi;

import java.nio.ByteBuffer;

/**
 * READ3res (RFC 1813 section 3.3.6): the bytes read, fewer than asked at the end of the file.
 * <p>
 * The data is a buffer, not an array, so that the application can hand over a view of a block it holds in memory;
 * its remaining bytes are the data, and nobody may change them until {@code release} has run. The adapter runs
 * {@code release} once, when the reply has been written to the socket or dropped (a closed connection, a failed
 * encoding): until then it may send the bytes straight from that memory, without a copy of its own.
 */
public record NfsReadReply(NfsStatus status, NfsAttributes attributes, ByteBuffer data, boolean eof, Runnable release)
        implements NfsReply {
    private static final Runnable NOTHING = () -> { };

    public NfsReadReply {
        release = release == null ? NOTHING : release;
    }

    /** With data nobody reuses: nothing to release. */
    public NfsReadReply(NfsStatus status, NfsAttributes attributes, ByteBuffer data, boolean eof) {
        this(status, attributes, data, eof, NOTHING);
    }

    /** With the data in an array of its own. */
    public NfsReadReply(NfsStatus status, NfsAttributes attributes, byte[] data, boolean eof) {
        this(status, attributes, data == null ? null : ByteBuffer.wrap(data), eof, NOTHING);
    }

    /** A failure that knows nothing more about the objects involved. */
    public static NfsReadReply failure(NfsStatus status) {
        return failure(status, null);
    }

    /** A failure, with the file's attributes when they are known. */
    public static NfsReadReply failure(NfsStatus status, NfsAttributes attributes) {
        return new NfsReadReply(status, attributes, (ByteBuffer) null, false);
    }
}
