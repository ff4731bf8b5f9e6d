package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * SMB2 READ Response, [MS-SMB2] 2.2.20: the data right after the 16-byte fixed part (DataOffset 80 from the
 * header). {@link #encode} copies the data once, into the response buffer; a server that sends the data from
 * where it lies writes the fixed part with {@link #encodeFixedPart} and the data after it, itself.
 */
public record Smb2ReadResponse(ByteBuffer data) {
    public static final int STRUCTURE_SIZE = 17;
    public static final int DATA_OFFSET = Smb2Header.STRUCTURE_SIZE + 16;

    public Smb2ReadResponse {
        data = data.asReadOnlyBuffer();
    }

    public static Smb2ReadResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("READ response StructureSize " + structureSize + ", expected 17");
        }
        int dataOffset = in.readUInt8();
        in.skip(1);
        int dataLength = in.readInt32();
        in.skip(8);                                    // DataRemaining, Reserved2
        if (dataLength < 0 || dataLength > 0 && dataOffset < DATA_OFFSET) {
            throw new SmbWireException("READ response data outside the message");
        }
        if (dataLength > 0) {
            in.seek(dataOffset);
        }
        return new Smb2ReadResponse(ByteBuffer.wrap(in.readBytes(dataLength)));
    }

    public void encode(ByteBuf out) {
        ByteBuffer bytes = data.duplicate();
        encodeFixedPart(out, bytes.remaining());
        if (bytes.hasRemaining()) {
            out.writeBytes(bytes);
        } else {
            out.writeByte(0);
        }
    }

    /**
     * The 16 bytes before the data of a response carrying {@code dataLength} bytes (more than none: an empty
     * response carries one padding byte, which {@link #encode} writes).
     */
    public static void encodeFixedPart(ByteBuf out, int dataLength) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(DATA_OFFSET);
        out.writeByte(0);
        out.writeIntLE(dataLength);
        out.writeIntLE(0);                             // DataRemaining
        out.writeIntLE(0);                             // Reserved2
    }
}
