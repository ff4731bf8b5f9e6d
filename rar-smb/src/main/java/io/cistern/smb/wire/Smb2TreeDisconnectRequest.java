package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 TREE_DISCONNECT Request, [MS-SMB2] 2.2.11: the body after the SMB2 header, which the client sends to end
 * a tree connect. It has no fields but StructureSize (4) and two reserved bytes, written as zero and ignored on
 * receipt; the header's TreeId names the tree connect.
 */
public record Smb2TreeDisconnectRequest() {
    public static final int STRUCTURE_SIZE = 4;
    public static final Smb2TreeDisconnectRequest INSTANCE = new Smb2TreeDisconnectRequest();

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2TreeDisconnectRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("TREE_DISCONNECT request StructureSize " + structureSize + ", expected 4");
        }
        in.skip(2);                                    // Reserved
        return INSTANCE;
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(0);
    }
}
