package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * The 24-byte body shared by the SMB2 Oplock Break Notification ([MS-SMB2] 2.2.23.1, server to client: the highest
 * level the server accepts in the acknowledgment), the Oplock Break Acknowledgment (2.2.24.1, client to server: the
 * level the client lowered to) and the Oplock Break Response (2.2.25.1: the level granted): StructureSize 24,
 * OplockLevel, Reserved, Reserved2 and the FileId of the open.
 */
public record Smb2OplockBreak(int oplockLevel, Smb2FileId fileId) {
    public static final int STRUCTURE_SIZE = 24;

    public static Smb2OplockBreak decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("OPLOCK_BREAK StructureSize " + structureSize + ", expected 24");
        }
        int level = in.readUInt8();
        in.skip(1 + 4);                                // Reserved, Reserved2
        return new Smb2OplockBreak(level, Smb2FileId.decode(in));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(oplockLevel);
        out.writeByte(0);
        out.writeIntLE(0);
        fileId.encode(out);
    }
}
