package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 LOGOFF Response, [MS-SMB2] 2.2.8: the body after the SMB2 header, which the server sends once the session
 * is gone. It has no fields but StructureSize (4) and two reserved bytes, written as zero and ignored on
 * receipt; the header's SessionId names the session.
 */
public record Smb2LogoffResponse() {
    public static final int STRUCTURE_SIZE = 4;
    public static final Smb2LogoffResponse INSTANCE = new Smb2LogoffResponse();

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2LogoffResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("LOGOFF response StructureSize " + structureSize + ", expected 4");
        }
        in.skip(2);                                    // Reserved
        return INSTANCE;
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(0);
    }
}
