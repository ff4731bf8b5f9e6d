package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;

/**
 * FILE_FS_SIZE_INFORMATION ([MS-FSCC] 2.5.8, 24 bytes) and, with {@code full}, FILE_FS_FULL_SIZE_INFORMATION
 * (2.5.4, 32 bytes: caller-available and actually available units apart). Sizes are in allocation units of
 * {@code sectorsPerUnit * bytesPerSector} bytes.
 */
public record FileFsSizeInformation(long totalUnits, long callerAvailableUnits, long actualAvailableUnits,
                                    int sectorsPerUnit, int bytesPerSector) {
    public static final int SIZE = 24;
    public static final int FULL_SIZE = 32;

    public void encode(ByteBuf out, boolean full) {
        out.writeLongLE(totalUnits);
        out.writeLongLE(callerAvailableUnits);
        if (full) {
            out.writeLongLE(actualAvailableUnits);
        }
        out.writeIntLE(sectorsPerUnit);
        out.writeIntLE(bytesPerSector);
    }
}
