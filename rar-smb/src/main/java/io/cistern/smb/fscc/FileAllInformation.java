package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * FILE_ALL_INFORMATION, [MS-FSCC] 2.4.2: Basic (2.4.7), Standard (2.4.41), Internal (2.4.26: IndexNumber), EA
 * (2.4.13: EaSize 0), Access (2.4.1: AccessFlags), Position (2.4.35), Mode (2.4.26: 0), Alignment (2.4.3: 0, byte
 * alignment) and Name (2.4.30: the share-relative path with a leading backslash). 100 bytes plus the name.
 */
public record FileAllInformation(FileBasicInformation basic, FileStandardInformation standard, long indexNumber,
                                 int accessFlags, long currentByteOffset, String name) {
    public static final int FIXED_SIZE = 100;

    public void encode(ByteBuf out) {
        basic.encode(out);
        standard.encode(out);
        out.writeLongLE(indexNumber);
        out.writeIntLE(0);                             // EaSize
        out.writeIntLE(accessFlags);
        out.writeLongLE(currentByteOffset);
        out.writeIntLE(0);                             // Mode
        out.writeIntLE(0);                             // AlignmentRequirement: FILE_BYTE_ALIGNMENT
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        out.writeIntLE(utf16.length);
        out.writeBytes(utf16);
    }
}
