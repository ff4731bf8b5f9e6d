package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;

/**
 * FILE_FS_CONTROL_INFORMATION, [MS-FSCC] 2.5.2: the content-indexing thresholds, the default quota threshold and
 * limit (-1: none) and FileSystemControlFlags, then 4 bytes of padding; 48 bytes. {@link #NO_QUOTAS} is a volume
 * that tracks and enforces no quotas.
 */
public record FileFsControlInformation(long defaultQuotaThreshold, long defaultQuotaLimit, int controlFlags) {
    public static final int SIZE = 48;
    public static final FileFsControlInformation NO_QUOTAS = new FileFsControlInformation(-1, -1, 0);

    public void encode(ByteBuf out) {
        out.writeLongLE(0);                            // FreeSpaceStartFiltering
        out.writeLongLE(0);                            // FreeSpaceThreshold
        out.writeLongLE(0);                            // FreeSpaceStopFiltering
        out.writeLongLE(defaultQuotaThreshold);
        out.writeLongLE(defaultQuotaLimit);
        out.writeIntLE(controlFlags);
        out.writeIntLE(0);                             // Padding
    }
}
