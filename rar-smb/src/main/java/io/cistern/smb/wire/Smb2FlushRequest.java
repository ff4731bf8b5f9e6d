package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/** SMB2 FLUSH Request, [MS-SMB2] 2.2.17: the FileId after two reserved fields; 24 bytes. */
public record Smb2FlushRequest(Smb2FileId fileId) {
    public static final int STRUCTURE_SIZE = 24;

    public static Smb2FlushRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("FLUSH request StructureSize " + structureSize + ", expected 24");
        }
        in.skip(6);                                    // Reserved1, Reserved2
        return new Smb2FlushRequest(Smb2FileId.decode(in));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeZero(6);
        fileId.encode(out);
    }
}
