package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/** SMB2 WRITE Response, [MS-SMB2] 2.2.22: Count, the bytes written; 16 bytes. */
public record Smb2WriteResponse(int count) {
    public static final int STRUCTURE_SIZE = 17;

    public static Smb2WriteResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("WRITE response StructureSize " + structureSize + ", expected 17");
        }
        in.skip(2);
        int count = in.readInt32();
        in.skip(8);
        return new Smb2WriteResponse(count);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(0);
        out.writeIntLE(count);
        out.writeIntLE(0);                             // Remaining
        out.writeIntLE(0);                             // WriteChannelInfoOffset/Length
    }
}
