package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 TREE_CONNECT Response, [MS-SMB2] 2.2.10: the body after the SMB2 header of a successful tree connect, whose
 * header carries the new TreeId. A fixed 16 bytes: StructureSize, ShareType, a reserved byte, ShareFlags,
 * Capabilities and MaximalAccess.
 *
 * @param shareType     {@link #SHARE_TYPE_DISK}, {@link #SHARE_TYPE_PIPE} or {@link #SHARE_TYPE_PRINT}
 * @param shareFlags    SMB2_SHAREFLAG_* bits; 0 is also the "manual caching" policy of offline files
 * @param capabilities  SMB2_SHARE_CAP_* bits
 * @param maximalAccess what the user may be granted on the share, an access mask of 2.2.13.1 ({@link AccessMask})
 */
public record Smb2TreeConnectResponse(int shareType, int shareFlags, int capabilities, int maximalAccess) {
    public static final int STRUCTURE_SIZE = 16;

    public static final int SHARE_TYPE_DISK = 0x01;
    public static final int SHARE_TYPE_PIPE = 0x02;
    public static final int SHARE_TYPE_PRINT = 0x03;

    /** SMB2_SHAREFLAG_ENCRYPT_DATA: the server requires encryption of remote file access messages on the share. */
    public static final int SHAREFLAG_ENCRYPT_DATA = 0x00008000;

    public Smb2TreeConnectResponse {
        if (shareType < 0 || shareType > 0xFF) {
            throw new IllegalArgumentException("ShareType is one byte: " + shareType);
        }
    }

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2TreeConnectResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("TREE_CONNECT response StructureSize " + structureSize + ", expected 16");
        }
        int shareType = in.readUInt8();
        in.skip(1);                                    // Reserved
        int shareFlags = in.readInt32();
        int capabilities = in.readInt32();
        int maximalAccess = in.readInt32();
        return new Smb2TreeConnectResponse(shareType, shareFlags, capabilities, maximalAccess);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(shareType);
        out.writeByte(0);
        out.writeIntLE(shareFlags);
        out.writeIntLE(capabilities);
        out.writeIntLE(maximalAccess);
    }

    @Override
    public String toString() {
        return "Smb2TreeConnectResponse[shareType=" + shareType + ", shareFlags=0x" + Integer.toHexString(shareFlags)
                + ", capabilities=0x" + Integer.toHexString(capabilities) + ", maximalAccess=0x"
                + Integer.toHexString(maximalAccess) + "]";
    }
}
