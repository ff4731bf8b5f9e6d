package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * Reads little-endian fields of one SMB message. Positions are offsets from the start of the message,
 * the base that SMB2 offset fields ({@code SecurityBufferOffset}, {@code NegotiateContextOffset}) count
 * from. Every read checks the bytes left first, so a truncated or garbled message ends in
 * {@link SmbWireException}, never in an index error or a huge allocation. The buffer itself is not moved.
 */
public final class WireReader {
    private final ByteBuf buf;
    private final int base;
    private final int length;
    private int position;

    /** A reader over the readable bytes of {@code message}. */
    public WireReader(ByteBuf message) {
        this.buf = message;
        this.base = message.readerIndex();
        this.length = message.readableBytes();
    }

    public int readUInt8() throws SmbWireException {
        require(1);
        int value = buf.getUnsignedByte(base + position);
        position += 1;
        return value;
    }

    public int readUInt16() throws SmbWireException {
        require(2);
        int value = buf.getUnsignedShortLE(base + position);
        position += 2;
        return value;
    }

    /** A 32-bit field as its bit pattern; callers that need it unsigned use {@link Integer#toUnsignedLong}. */
    public int readInt32() throws SmbWireException {
        require(4);
        int value = buf.getIntLE(base + position);
        position += 4;
        return value;
    }

    public long readInt64() throws SmbWireException {
        require(8);
        long value = buf.getLongLE(base + position);
        position += 8;
        return value;
    }

    public byte[] readBytes(int count) throws SmbWireException {
        require(count);
        byte[] bytes = new byte[count];
        buf.getBytes(base + position, bytes);
        position += count;
        return bytes;
    }

    /**
     * {@code count} bytes from {@code offset} (from the start of the message) as a retained slice of the message's
     * own buffer, no copy: the caller releases it, and may keep it past the message. The position does not move.
     */
    public ByteBuf retainedSlice(int offset, int count) throws SmbWireException {
        if (offset < 0 || count < 0 || offset > length - count) {
            throw new SmbWireException(count + " bytes at offset " + offset + " outside a message of " + length
                    + " bytes");
        }
        return buf.retainedSlice(base + offset, count);
    }

    public void skip(int count) throws SmbWireException {
        require(count);
        position += count;
    }

    /** Moves to {@code offset} bytes from the start of the message; it may equal the length (nothing left). */
    public void seek(int offset) throws SmbWireException {
        if (offset < 0 || offset > length) {
            throw new SmbWireException("offset " + offset + " outside a message of " + length + " bytes");
        }
        position = offset;
    }

    /** The current offset from the start of the message. */
    public int position() {
        return position;
    }

    public int remaining() {
        return length - position;
    }

    public int length() {
        return length;
    }

    private void require(int count) throws SmbWireException {
        if (count < 0 || count > length - position) {
            throw new SmbWireException("message truncated: needs " + count + " more bytes at offset " + position
                    + ", has " + (length - position));
        }
    }
}
