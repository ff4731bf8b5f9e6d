package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * The run of fields CREATE (2.2.14) and CLOSE (2.2.16) responses of [MS-SMB2] share, in their wire order:
 * CreationTime, LastAccessTime, LastWriteTime, ChangeTime (FILETIME), AllocationSize, EndofFile, FileAttributes
 * ([MS-FSCC] 2.6). 52 bytes.
 */
public record FileAttributeValues(long creationTime, long lastAccessTime, long lastWriteTime, long changeTime,
                                  long allocationSize, long endOfFile, int fileAttributes) {
    public static final int SIZE = 52;
    public static final FileAttributeValues NONE = new FileAttributeValues(0, 0, 0, 0, 0, 0, 0);

    public static FileAttributeValues decode(WireReader in) throws SmbWireException {
        return new FileAttributeValues(in.readInt64(), in.readInt64(), in.readInt64(), in.readInt64(), in.readInt64(),
                in.readInt64(), in.readInt32());
    }

    public void encode(ByteBuf out) {
        out.writeLongLE(creationTime);
        out.writeLongLE(lastAccessTime);
        out.writeLongLE(lastWriteTime);
        out.writeLongLE(changeTime);
        out.writeLongLE(allocationSize);
        out.writeLongLE(endOfFile);
        out.writeIntLE(fileAttributes);
    }
}
