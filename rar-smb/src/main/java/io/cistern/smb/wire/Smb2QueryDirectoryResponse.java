package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 QUERY_DIRECTORY Response, [MS-SMB2] 2.2.34: the output buffer right after the 8-byte fixed part (OutputBufferOffset
 * 72 from the header). The handler has already fitted the buffer into the client's OutputBufferLength.
 */
public record Smb2QueryDirectoryResponse(byte[] output) {
    public static final int STRUCTURE_SIZE = 9;
    public static final int OUTPUT_OFFSET = Smb2Header.STRUCTURE_SIZE + 8;

    /** Takes {@code output} as it is, without a copy. */
    public Smb2QueryDirectoryResponse {
    }

    public static Smb2QueryDirectoryResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("QUERY_DIRECTORY response StructureSize " + structureSize + ", expected 9");
        }
        int offset = in.readUInt16();
        int length = in.readInt32();
        if (length < 0 || length > 0 && offset < OUTPUT_OFFSET) {
            throw new SmbWireException("QUERY_DIRECTORY response output outside the message");
        }
        if (length > 0) {
            in.seek(offset);
        }
        return new Smb2QueryDirectoryResponse(in.readBytes(length));
    }

    public void encode(ByteBuf out) {
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
