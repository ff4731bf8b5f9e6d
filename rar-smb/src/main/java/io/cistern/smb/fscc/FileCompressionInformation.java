package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;

/**
 * FILE_COMPRESSION_INFORMATION, [MS-FSCC] 2.4.9: CompressedFileSize, CompressionFormat (COMPRESSION_FORMAT_NONE
 * here, as nothing is stored compressed), the three shift fields (0 for an uncompressed file) and 3 reserved bytes;
 * 16 bytes.
 */
public record FileCompressionInformation(long compressedFileSize, int compressionFormat) {
    public static final int SIZE = 16;
    public static final int COMPRESSION_FORMAT_NONE = 0;

    public void encode(ByteBuf out) {
        out.writeLongLE(compressedFileSize);
        out.writeShortLE(compressionFormat);
        out.writeByte(0);                              // CompressionUnitShift
        out.writeByte(0);                              // ChunkShift
        out.writeByte(0);                              // ClusterShift
        out.writeZero(3);                              // Reserved
    }
}
