package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/** SMB2 CLOSE Request, [MS-SMB2] 2.2.15: Flags (SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB) and the FileId; 24 bytes. */
public record Smb2CloseRequest(int flags, Smb2FileId fileId) {
    public static final int STRUCTURE_SIZE = 24;
    public static final int POSTQUERY_ATTRIB = 0x0001;

    public static Smb2CloseRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("CLOSE request StructureSize " + structureSize + ", expected 24");
        }
        int flags = in.readUInt16();
        in.skip(4);                                    // Reserved
        return new Smb2CloseRequest(flags, Smb2FileId.decode(in));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(flags);
        out.writeIntLE(0);
        fileId.encode(out);
    }
}
