package io.cistern.smb.fscc;

import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;

/**
 * FILE_BASIC_INFORMATION, [MS-FSCC] 2.4.7: the four times (FILETIME; in a SET_INFO 0 and -1 leave a time as it
 * is) and FileAttributes (0 leaves them), 40 bytes.
 */
public record FileBasicInformation(long creationTime, long lastAccessTime, long lastWriteTime, long changeTime,
                                   int fileAttributes) {
    public static final int SIZE = 40;

    public static FileBasicInformation decode(WireReader in) throws SmbWireException {
        FileBasicInformation info = new FileBasicInformation(in.readInt64(), in.readInt64(), in.readInt64(),
                in.readInt64(), in.readInt32());
        in.skip(4);
        return info;
    }

    public void encode(ByteBuf out) {
        out.writeLongLE(creationTime);
        out.writeLongLE(lastAccessTime);
        out.writeLongLE(lastWriteTime);
        out.writeLongLE(changeTime);
        out.writeIntLE(fileAttributes);
        out.writeIntLE(0);
    }
}
