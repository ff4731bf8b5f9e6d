package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;

/** FILE_FS_DEVICE_INFORMATION, [MS-FSCC] 2.5.10: DeviceType and Characteristics; 8 bytes. */
public record FileFsDeviceInformation(int deviceType, int characteristics) {
    public static final int SIZE = 8;
    public static final int FILE_DEVICE_DISK = 0x0000_0007;
    public static final int FILE_DEVICE_IS_MOUNTED = 0x0000_0020;

    public void encode(ByteBuf out) {
        out.writeIntLE(deviceType);
        out.writeIntLE(characteristics);
    }
}
