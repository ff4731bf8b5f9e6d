package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 SET_INFO Request, [MS-SMB2] 2.2.39: InfoType, the information class, the FileId and the BufferLength bytes
 * at BufferOffset that hold the new information (an [MS-FSCC] 2.4 structure for files). 32 bytes plus the buffer.
 */
public record Smb2SetInfoRequest(int infoType, int fileInfoClass, int additionalInformation, Smb2FileId fileId,
                                 byte[] buffer) {
    public static final int STRUCTURE_SIZE = 33;
    public static final int BUFFER_OFFSET = Smb2Header.STRUCTURE_SIZE + 32;

    /** Takes {@code buffer} as it is, without a copy. */
    public Smb2SetInfoRequest {
    }

    public static Smb2SetInfoRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("SET_INFO request StructureSize " + structureSize + ", expected 33");
        }
        int infoType = in.readUInt8();
        int infoClass = in.readUInt8();
        long length = Integer.toUnsignedLong(in.readInt32());
        int offset = in.readUInt16();
        in.skip(2);
        int additional = in.readInt32();
        Smb2FileId fileId = Smb2FileId.decode(in);
        if (length > 0 && (offset < BUFFER_OFFSET || offset + length > in.length())) {
            throw new SmbWireException("SET_INFO buffer at " + offset + " of " + length + " bytes outside the message");
        }
        if (length > 0) {
            in.seek(offset);
        }
        return new Smb2SetInfoRequest(infoType, infoClass, additional, fileId, in.readBytes((int) length));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(infoType);
        out.writeByte(fileInfoClass);
        out.writeIntLE(buffer.length);
        out.writeShortLE(BUFFER_OFFSET);
        out.writeShortLE(0);
        out.writeIntLE(additionalInformation);
        fileId.encode(out);
        out.writeBytes(buffer);
    }
}
