package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 ECHO Request, [MS-SMB2] 2.2.28: the body after the SMB2 header, which a client sends to learn whether the
 * server is still processing requests. It has no fields but StructureSize (4) and two reserved bytes, written as
 * zero and ignored on receipt.
 */
public record Smb2EchoRequest() {
    public static final int STRUCTURE_SIZE = 4;
    public static final Smb2EchoRequest INSTANCE = new Smb2EchoRequest();

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2EchoRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("ECHO request StructureSize " + structureSize + ", expected 4");
        }
        in.skip(2);                                    // Reserved
        return INSTANCE;
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(0);
    }
}
