package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * The body three responses share, QUERY_DIRECTORY's ([MS-SMB2] 2.2.34), CHANGE_NOTIFY's (2.2.36) and QUERY_INFO's
 * (2.2.38): StructureSize 9,
 * OutputBufferOffset, OutputBufferLength, then the output buffer right after the 8-byte fixed part.
 */
final class OutputBufferBody {
    static final int STRUCTURE_SIZE = 9;
    static final int OUTPUT_OFFSET = Smb2Header.STRUCTURE_SIZE + 8;

    private OutputBufferBody() {
    }

    /** The output buffer of a body at the reader's position; {@code structure} names the response in errors. */
    static byte[] decode(WireReader in, String structure) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException(structure + " response StructureSize " + structureSize + ", expected 9");
        }
        int offset = in.readUInt16();
        int length = in.readInt32();
        if (length < 0 || length > 0 && offset < OUTPUT_OFFSET) {
            throw new SmbWireException(structure + " response output outside the message");
        }
        if (length > 0) {
            in.seek(offset);
        }
        return in.readBytes(length);
    }

    static void encode(ByteBuf out, byte[] output) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(OUTPUT_OFFSET);
        out.writeIntLE(output.length);
        if (output.length == 0) {
            out.writeByte(0);
        } else {
            out.writeBytes(output);
        }
    }
}
