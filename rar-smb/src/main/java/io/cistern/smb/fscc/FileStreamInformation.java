package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * FILE_STREAM_INFORMATION, [MS-FSCC] 2.4.43, with the one entry a file has here: its unnamed data stream
 * "::$DATA". A directory has no stream, which is an empty buffer.
 */
public record FileStreamInformation(long streamSize, long streamAllocationSize) {
    public static final String DATA_STREAM = "::$DATA";
    public static final int FIXED_SIZE = 24;

    public void encode(ByteBuf out) {
        byte[] name = DATA_STREAM.getBytes(StandardCharsets.UTF_16LE);
        out.writeIntLE(0);                             // NextEntryOffset: the only entry
        out.writeIntLE(name.length);
        out.writeLongLE(streamSize);
        out.writeLongLE(streamAllocationSize);
        out.writeBytes(name);
    }
}
