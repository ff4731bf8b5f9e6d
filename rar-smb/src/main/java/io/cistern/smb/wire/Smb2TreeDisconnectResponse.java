package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 TREE_DISCONNECT Response, [MS-SMB2] 2.2.12: the body after the SMB2 header, which the server sends once
 * the tree connect is gone. It has no fields but StructureSize (4) and two reserved bytes, written as zero and
 * ignored on receipt.
 */
public record Smb2TreeDisconnectResponse() {
    public static final int STRUCTURE_SIZE = 4;
    public static final Smb2TreeDisconnectResponse INSTANCE = new Smb2TreeDisconnectResponse();

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2TreeDisconnectResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("TREE_DISCONNECT response StructureSize " + structureSize + ", expected 4");
        }
        in.skip(2);                                    // Reserved
        return INSTANCE;
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(0);
    }
}
