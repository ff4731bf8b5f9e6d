package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 ECHO Response, [MS-SMB2] 2.2.29: the body after the SMB2 header, which confirms that an ECHO request was
 * processed. It has no fields but StructureSize (4) and two reserved bytes, written as zero and ignored on
 * receipt.
 */
public record Smb2EchoResponse() {
    public static final int STRUCTURE_SIZE = 4;
    public static final Smb2EchoResponse INSTANCE = new Smb2EchoResponse();

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2EchoResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("ECHO response StructureSize " + structureSize + ", expected 4");
        }
        in.skip(2);                                    // Reserved
        return INSTANCE;
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(0);
    }
}
