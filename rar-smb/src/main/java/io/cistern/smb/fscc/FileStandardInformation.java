package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;

/** FILE_STANDARD_INFORMATION, [MS-FSCC] 2.4.41: sizes, NumberOfLinks, DeletePending, Directory; 24 bytes. */
public record FileStandardInformation(long allocationSize, long endOfFile, int numberOfLinks, boolean deletePending,
                                      boolean directory) {
    public static final int SIZE = 24;

    public void encode(ByteBuf out) {
        out.writeLongLE(allocationSize);
        out.writeLongLE(endOfFile);
        out.writeIntLE(numberOfLinks);
        out.writeByte(deletePending ? 1 : 0);
        out.writeByte(directory ? 1 : 0);
        out.writeShortLE(0);
    }
}
