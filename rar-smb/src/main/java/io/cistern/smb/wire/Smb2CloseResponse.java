package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 CLOSE Response, [MS-SMB2] 2.2.16: with SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB in Flags the file's attributes after
 * the close, otherwise Flags 0 and every attribute field 0; 60 bytes.
 */
public record Smb2CloseResponse(int flags, FileAttributeValues attributes) {
    public static final int STRUCTURE_SIZE = 60;
    public static final Smb2CloseResponse WITHOUT_ATTRIBUTES = new Smb2CloseResponse(0, FileAttributeValues.NONE);

    public static Smb2CloseResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("CLOSE response StructureSize " + structureSize + ", expected 60");
        }
        int flags = in.readUInt16();
        in.skip(4);
        return new Smb2CloseResponse(flags, FileAttributeValues.decode(in));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(flags);
        out.writeIntLE(0);
        attributes.encode(out);
    }
}
