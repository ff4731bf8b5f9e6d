package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * FILE_FS_ATTRIBUTE_INFORMATION, [MS-FSCC] 2.5.1: FileSystemAttributes, MaximumComponentNameLength and the file
 * system's name; 12 bytes plus the name.
 */
public record FileFsAttributeInformation(int attributes, int maximumComponentNameLength, String fileSystemName) {
    public static final int FIXED_SIZE = 12;
    public static final int FILE_CASE_PRESERVED_NAMES = 0x0000_0002;
    public static final int FILE_UNICODE_ON_DISK = 0x0000_0004;

    public void encode(ByteBuf out) {
        byte[] name = fileSystemName.getBytes(StandardCharsets.UTF_16LE);
        out.writeIntLE(attributes);
        out.writeIntLE(maximumComponentNameLength);
        out.writeIntLE(name.length);
        out.writeBytes(name);
    }
}
