package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * The bodies of [MS-SMB2] that are only a StructureSize and reserved bytes: the FLUSH Response (2.2.18,
 * StructureSize 4) and the SET_INFO Response (2.2.40, StructureSize 2).
 */
public record Smb2SmallResponse(int structureSize) {
    public static final Smb2SmallResponse FLUSH = new Smb2SmallResponse(4);
    /** The LOCK Response (2.2.27): StructureSize 4 and two reserved bytes. */
    public static final Smb2SmallResponse LOCK = new Smb2SmallResponse(4);
    public static final Smb2SmallResponse SET_INFO = new Smb2SmallResponse(2);

    public static Smb2SmallResponse decode(WireReader in, int expected) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != expected) {
            throw new SmbWireException("response StructureSize " + structureSize + ", expected " + expected);
        }
        in.skip(expected - 2);
        return new Smb2SmallResponse(structureSize);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(structureSize);
        out.writeZero(structureSize - 2);
    }
}
