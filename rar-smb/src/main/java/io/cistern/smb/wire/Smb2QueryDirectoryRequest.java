package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 QUERY_DIRECTORY Request, [MS-SMB2] 2.2.33: the information class, the flags (RESTART_SCANS,
 * RETURN_SINGLE_ENTRY, INDEX_SPECIFIED, REOPEN), FileIndex, the directory's FileId, the UTF-16LE search pattern at
 * FileNameOffset and OutputBufferLength. 32 bytes plus the pattern.
 */
public record Smb2QueryDirectoryRequest(int fileInformationClass, int flags, int fileIndex, Smb2FileId fileId,
                                        String pattern, int outputBufferLength) {
    public static final int STRUCTURE_SIZE = 33;
    public static final int BUFFER_OFFSET = Smb2Header.STRUCTURE_SIZE + 32;
    public static final int RESTART_SCANS = 0x01;
    public static final int RETURN_SINGLE_ENTRY = 0x02;
    public static final int INDEX_SPECIFIED = 0x04;
    public static final int REOPEN = 0x10;

    public static Smb2QueryDirectoryRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("QUERY_DIRECTORY request StructureSize " + structureSize + ", expected 33");
        }
        int infoClass = in.readUInt8();
        int flags = in.readUInt8();
        int fileIndex = in.readInt32();
        Smb2FileId fileId = Smb2FileId.decode(in);
        int nameOffset = in.readUInt16();
        int nameLength = in.readUInt16();
        int outputLength = in.readInt32();
        String pattern = Utf16.read(in, nameOffset, nameLength, BUFFER_OFFSET, "QUERY_DIRECTORY pattern");
        return new Smb2QueryDirectoryRequest(infoClass, flags, fileIndex, fileId, pattern, outputLength);
    }

    public void encode(ByteBuf out) {
        byte[] utf16 = Utf16.encode(pattern);
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(fileInformationClass);
        out.writeByte(flags);
        out.writeIntLE(fileIndex);
        fileId.encode(out);
        out.writeShortLE(utf16.length == 0 ? 0 : BUFFER_OFFSET);
        out.writeShortLE(utf16.length);
        out.writeIntLE(outputBufferLength);
        out.writeBytes(utf16);
        if (utf16.length == 0) {
            out.writeByte(0);
        }
    }
}
