package io.cistern.nfs.xdr;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes XDR primitives (RFC 4506) into a buffer; the mirror of {@link XdrReader}. */
public final class XdrWriter {
    private final ByteBuf buf;

    public XdrWriter(ByteBuf buf) {
        this.buf = buf;
    }

    public XdrWriter writeInt(int value) {
        buf.writeInt(value);
        return this;
    }

    /** An XDR unsigned int; the value must fit in 32 bits. */
    public XdrWriter writeUnsignedInt(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an unsigned 32-bit value: " + value);
        }
        buf.writeInt((int) value);
        return this;
    }

    public XdrWriter writeLong(long value) {
        buf.writeLong(value);
        return this;
    }

    public XdrWriter writeBoolean(boolean value) {
        return writeInt(value ? 1 : 0);
    }

    /** Variable-length opaque data: length, bytes, padding. */
    public XdrWriter writeOpaque(byte[] bytes) {
        return writeOpaque(ByteBuffer.wrap(bytes));
    }

    /** Variable-length opaque data from a buffer's remaining bytes (its position is left as it is). */
    public XdrWriter writeOpaque(ByteBuffer bytes) {
        buf.writeInt(bytes.remaining());
        return writeFixedOpaque(bytes);
    }

    /** Fixed-length opaque data: bytes, padding. */
    public XdrWriter writeFixedOpaque(byte[] bytes) {
        return writeFixedOpaque(ByteBuffer.wrap(bytes));
    }

    /** Fixed-length opaque data from a buffer's remaining bytes (its position is left as it is). */
    public XdrWriter writeFixedOpaque(ByteBuffer bytes) {
        int length = bytes.remaining();
        // room for all of it at once: a READ's megabyte would otherwise grow the buffer by doubling, copying
        // what it holds at each step
        buf.ensureWritable(XdrReader.paddedLength(length));
        buf.writeBytes(bytes.duplicate());
        buf.writeZero(XdrReader.paddedLength(length) - length);
        return this;
    }

    public XdrWriter writeString(String value) {
        return writeOpaque(value.getBytes(StandardCharsets.UTF_8));
    }

    public ByteBuf buffer() {
        return buf;
    }
}
