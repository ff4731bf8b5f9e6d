package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 READ Request, [MS-SMB2] 2.2.19: Length bytes at Offset of the open FileId, with MinimumCount; the channel
 * fields (RDMA) are read and ignored, since no RDMA channel exists. 48 bytes plus the one-byte buffer, which some
 * clients omit and is not required.
 */
public record Smb2ReadRequest(int flags, int length, long offset, Smb2FileId fileId, int minimumCount) {
    public static final int STRUCTURE_SIZE = 49;

    public static Smb2ReadRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("READ request StructureSize " + structureSize + ", expected 49");
        }
        in.skip(1);                                    // Padding
        int flags = in.readUInt8();
        int length = in.readInt32();
        long offset = in.readInt64();
        Smb2FileId fileId = Smb2FileId.decode(in);
        int minimumCount = in.readInt32();
        in.skip(12);                                   // Channel, RemainingBytes, ReadChannelInfoOffset/Length
        return new Smb2ReadRequest(flags, length, offset, fileId, minimumCount);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(0);
        out.writeByte(flags);
        out.writeIntLE(length);
        out.writeLongLE(offset);
        fileId.encode(out);
        out.writeIntLE(minimumCount);
        out.writeZero(12);
        out.writeByte(0);
    }
}
