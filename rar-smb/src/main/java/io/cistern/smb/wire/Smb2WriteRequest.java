package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * SMB2 WRITE Request, [MS-SMB2] 2.2.21: Length bytes at DataOffset (from the header, after the 48-byte fixed part)
 * to be written at Offset of the open FileId, and Flags (SMB2_WRITEFLAG_WRITE_THROUGH). The data is copied out of
 * the message once, since the request buffer is released before a worker writes it.
 */
public record Smb2WriteRequest(long offset, Smb2FileId fileId, int flags, byte[] data) {
    public static final int STRUCTURE_SIZE = 49;
    public static final int FIXED_SIZE = 48;
    public static final int DATA_OFFSET = Smb2Header.STRUCTURE_SIZE + FIXED_SIZE;
    public static final int WRITE_THROUGH = 0x0000_0001;

    /** Takes {@code data} as it is, without a copy: the decoder's own array. */
    public Smb2WriteRequest {
    }

    /** Reads the body, refusing a Length above {@code maxLength} before anything is copied. */
    public static Smb2WriteRequest decode(WireReader in, int maxLength) throws SmbWireException {
        Fields fields = decodeFields(in, maxLength);
        if (fields.length() > 0) {
            in.seek(fields.dataOffset());
        }
        return new Smb2WriteRequest(fields.offset(), fields.fileId(), fields.flags(), in.readBytes(fields.length()));
    }

    /**
     * The fixed part, and where the data lies (checked to lie within the message), for a server that takes the data
     * from the message's buffer itself rather than a copy ({@link WireReader#retainedSlice}).
     */
    public static Fields decodeFields(WireReader in, int maxLength) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("WRITE request StructureSize " + structureSize + ", expected 49");
        }
        int dataOffset = in.readUInt16();
        long length = Integer.toUnsignedLong(in.readInt32());
        long offset = in.readInt64();
        Smb2FileId fileId = Smb2FileId.decode(in);
        in.skip(12);                                   // Channel, RemainingBytes, WriteChannelInfoOffset/Length
        int flags = in.readInt32();
        if (length > maxLength) {
            throw new SmbWireException("WRITE of " + length + " bytes exceeds " + maxLength);
        }
        if (length > 0 && (dataOffset < DATA_OFFSET || dataOffset + length > in.length())) {
            throw new SmbWireException("WRITE data at " + dataOffset + " of " + length + " bytes outside the message");
        }
        return new Fields(offset, fileId, flags, length > 0 ? dataOffset : in.position(), (int) length);
    }

    /** A WRITE request's fields, with its data as {@code length} bytes at {@code dataOffset} of the message. */
    public record Fields(long offset, Smb2FileId fileId, int flags, int dataOffset, int length) {
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The data without a copy, for the one caller that hands it on and keeps no reference. */
    public java.nio.ByteBuffer dataBuffer() {
        return java.nio.ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(DATA_OFFSET);
        out.writeIntLE(data.length);
        out.writeLongLE(offset);
        fileId.encode(out);
        out.writeZero(12);
        out.writeIntLE(flags);
        out.writeBytes(data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2WriteRequest w && offset == w.offset && fileId.equals(w.fileId)
                && flags == w.flags && Arrays.equals(data, w.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + fileId.hashCode();
    }
}
