package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 LOGOFF Request, [MS-SMB2] 2.2.7: the body after the SMB2 header, which the client sends to end its
 * session. It has no fields but StructureSize (4) and two reserved bytes, written as zero and ignored on
 * receipt; the header's SessionId names the session.
 */
public record Smb2LogoffRequest() {
    public static final int STRUCTURE_SIZE = 4;
    public static final Smb2LogoffRequest INSTANCE = new Smb2LogoffRequest();

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2LogoffRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("LOGOFF request StructureSize " + structureSize + ", expected 4");
        }
        in.skip(2);                                    // Reserved
        return INSTANCE;
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(0);
    }
}
