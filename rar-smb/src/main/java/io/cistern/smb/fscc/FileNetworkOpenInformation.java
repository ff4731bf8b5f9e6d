package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;

/** FILE_NETWORK_OPEN_INFORMATION, [MS-FSCC] 2.4.29: times, sizes and attributes in one; 56 bytes. */
public record FileNetworkOpenInformation(FileBasicInformation basic, long allocationSize, long endOfFile) {
    public static final int SIZE = 56;

    public void encode(ByteBuf out) {
        out.writeLongLE(basic.creationTime());
        out.writeLongLE(basic.lastAccessTime());
        out.writeLongLE(basic.lastWriteTime());
        out.writeLongLE(basic.changeTime());
        out.writeLongLE(allocationSize);
        out.writeLongLE(endOfFile);
        out.writeIntLE(basic.fileAttributes());
        out.writeIntLE(0);
    }
}
