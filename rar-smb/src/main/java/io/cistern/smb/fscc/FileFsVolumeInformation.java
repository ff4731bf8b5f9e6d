package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** FILE_FS_VOLUME_INFORMATION, [MS-FSCC] 2.5.9: creation time, serial number and label; 18 bytes plus it. */
public record FileFsVolumeInformation(long volumeCreationTime, int volumeSerialNumber, String volumeLabel) {
    public static final int FIXED_SIZE = 18;

    public void encode(ByteBuf out) {
        byte[] label = volumeLabel.getBytes(StandardCharsets.UTF_16LE);
        out.writeLongLE(volumeCreationTime);
        out.writeIntLE(volumeSerialNumber);
        out.writeIntLE(label.length);
        out.writeByte(0);                              // SupportsObjects: no object ids
        out.writeByte(0);
        out.writeBytes(label);
    }
}
