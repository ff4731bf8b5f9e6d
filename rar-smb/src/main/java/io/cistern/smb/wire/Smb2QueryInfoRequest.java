package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 QUERY_INFO Request, [MS-SMB2] 2.2.37: InfoType (file, filesystem, security, quota), the information class,
 * OutputBufferLength, AdditionalInformation (the parts of a security descriptor), Flags and the FileId. The input
 * buffer (only quota and some FSCTL-like classes use one) is bounds-checked and skipped. 40 bytes plus the buffer.
 */
public record Smb2QueryInfoRequest(int infoType, int fileInfoClass, int outputBufferLength, int additionalInformation,
                                   int flags, Smb2FileId fileId) {
    public static final int STRUCTURE_SIZE = 41;
    public static final int BUFFER_OFFSET = Smb2Header.STRUCTURE_SIZE + 40;
    public static final int INFO_FILE = 1;
    public static final int INFO_FILESYSTEM = 2;
    public static final int INFO_SECURITY = 3;
    public static final int INFO_QUOTA = 4;

    public static Smb2QueryInfoRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("QUERY_INFO request StructureSize " + structureSize + ", expected 41");
        }
        int infoType = in.readUInt8();
        int infoClass = in.readUInt8();
        int outputLength = in.readInt32();
        int inputOffset = in.readUInt16();
        in.skip(2);
        long inputLength = Integer.toUnsignedLong(in.readInt32());
        int additional = in.readInt32();
        int flags = in.readInt32();
        Smb2FileId fileId = Smb2FileId.decode(in);
        if (inputLength > 0 && (inputOffset < BUFFER_OFFSET || inputOffset + inputLength > in.length())) {
            throw new SmbWireException("QUERY_INFO input buffer outside the message");
        }
        return new Smb2QueryInfoRequest(infoType, infoClass, outputLength, additional, flags, fileId);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(infoType);
        out.writeByte(fileInfoClass);
        out.writeIntLE(outputBufferLength);
        out.writeShortLE(0);
        out.writeShortLE(0);
        out.writeIntLE(0);
        out.writeIntLE(additionalInformation);
        out.writeIntLE(flags);
        fileId.encode(out);
        out.writeByte(0);
    }
}
