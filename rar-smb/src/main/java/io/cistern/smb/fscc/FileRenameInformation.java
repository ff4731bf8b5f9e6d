package io.cistern.smb.fscc;

import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.Utf16;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;

/**
 * FILE_RENAME_INFORMATION_TYPE_2, [MS-FSCC] 2.4.37.2, as SMB2 SET_INFO carries it: ReplaceIfExists, 7 reserved
 * bytes, RootDirectory (8 bytes, 0 for SMB2), FileNameLength and the UTF-16LE target name (share-relative).
 */
public record FileRenameInformation(boolean replaceIfExists, long rootDirectory, String fileName) {
    public static final int FIXED_SIZE = 20;

    /** Reads it from a SET_INFO buffer that starts at the reader's position 0. */
    public static FileRenameInformation decode(WireReader in) throws SmbWireException {
        boolean replace = in.readUInt8() != 0;
        in.skip(7);
        long root = in.readInt64();
        long length = Integer.toUnsignedLong(in.readInt32());
        if (length > in.remaining()) {
            throw new SmbWireException("FileRenameInformation name of " + length + " bytes exceeds the buffer");
        }
        return new FileRenameInformation(replace, root,
                Utf16.read(in, in.position(), (int) length, FIXED_SIZE, "rename target"));
    }

    public void encode(ByteBuf out) {
        byte[] utf16 = Utf16.encode(fileName);
        out.writeByte(replaceIfExists ? 1 : 0);
        out.writeZero(7);
        out.writeLongLE(rootDirectory);
        out.writeIntLE(utf16.length);
        out.writeBytes(utf16);
    }
}
