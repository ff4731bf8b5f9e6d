package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;

/**
 * FILE_FS_SECTOR_SIZE_INFORMATION, [MS-FSCC] 2.5.7: one sector size for all four sector fields, no flags and no
 * alignment offsets; 28 bytes.
 */
public record FileFsSectorSizeInformation(int bytesPerSector) {
    public static final int SIZE = 28;

    public void encode(ByteBuf out) {
        out.writeIntLE(bytesPerSector);                // LogicalBytesPerSector
        out.writeIntLE(bytesPerSector);                // PhysicalBytesPerSectorForAtomicity
        out.writeIntLE(bytesPerSector);                // PhysicalBytesPerSectorForPerformance
        out.writeIntLE(bytesPerSector);                // FileSystemEffectivePhysicalBytesPerSectorForAtomicity
        out.writeIntLE(0);                             // Flags
        out.writeIntLE(0);                             // ByteOffsetForSectorAlignment
        out.writeIntLE(0);                             // ByteOffsetForPartitionAlignment
    }
}
