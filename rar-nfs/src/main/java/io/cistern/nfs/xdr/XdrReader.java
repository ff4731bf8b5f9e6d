package io.cistern.nfs.xdr;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads XDR primitives (RFC 4506) from a buffer. Every read checks the bytes left first, so a
 * truncated or garbled message ends in {@link XdrException}, never in an index error or a huge allocation.
 */
public final class XdrReader {
    private final ByteBuf buf;

    public XdrReader(ByteBuf buf) {
        this.buf = buf;
    }

    public int readInt() throws XdrException {
        require(4);
        return buf.readInt();
    }

    /** An XDR unsigned int as a non-negative long. */
    public long readUnsignedInt() throws XdrException {
        require(4);
        return buf.readUnsignedInt();
    }

    /** An XDR hyper (64 bits). */
    public long readLong() throws XdrException {
        require(8);
        return buf.readLong();
    }

    public boolean readBoolean() throws XdrException {
        int v = readInt();
        if (v != 0 && v != 1) {
            throw new XdrException("bool must be 0 or 1, got " + v);
        }
        return v == 1;
    }

    /** Variable-length opaque data of at most {@code maxLength} bytes, with its padding. */
    public byte[] readOpaque(int maxLength) throws XdrException {
        long length = readUnsignedInt();
        if (length > maxLength) {
            throw new XdrException("opaque of " + length + " bytes exceeds its limit of " + maxLength);
        }
        return readFixedOpaque((int) length);
    }

    /** Fixed-length opaque data of {@code length} bytes, with its padding. */
    public byte[] readFixedOpaque(int length) throws XdrException {
        if (length < 0) {
            throw new XdrException("negative opaque length " + length);
        }
        long padded = ((long) length + 3) & ~3L;   // in long: a length near 2^31 must not wrap
        require(padded);
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        buf.skipBytes((int) (padded - length));
        return bytes;
    }

    /**
     * As {@link #readOpaque}, but as a retained slice of the buffer read from instead of a copy: the caller owns that
     * reference and releases it. For the one large opaque of a call, a WRITE's data, which then goes on to the journal
     * without being copied on the way.
     */
    public ByteBuf readOpaqueRetained(int maxLength) throws XdrException {
        long length = readUnsignedInt();
        if (length > maxLength) {
            throw new XdrException("opaque of " + length + " bytes exceeds its limit of " + maxLength);
        }
        long padded = (length + 3) & ~3L;
        require(padded);
        ByteBuf bytes = buf.readRetainedSlice((int) length);
        buf.skipBytes((int) (padded - length));
        return bytes;
    }

    /** A string of at most {@code maxLength} bytes, decoded as UTF-8 (XDR strings are bytes; names stay bytes elsewhere). */
    public String readString(int maxLength) throws XdrException {
        return new String(readOpaque(maxLength), StandardCharsets.UTF_8);
    }

    /** A CRC32C of the bytes not yet read, which stay unread: tells retransmissions from new calls. */
    public long checksumOfRest() {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(buf.nioBuffer(buf.readerIndex(), buf.readableBytes()));
        return crc.getValue();
    }

    public int remaining() {
        return buf.readableBytes();
    }

    static int paddedLength(int length) {
        return (length + 3) & ~3;
    }

    private void require(long bytes) throws XdrException {
        if (buf.readableBytes() < bytes) {
            throw new XdrException("message truncated: needs " + bytes + " more bytes, has " + buf.readableBytes());
        }
    }
}
