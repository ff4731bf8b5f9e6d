package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2_FILEID, [MS-SMB2] 2.2.14.1: the 16 bytes that name an open in every request after CREATE. Persistent is
 * what a durable handle would keep across reconnects (none are granted here); Volatile names the open on the
 * server. {@link #ALL_ONES} is the "same as the previous request" of compounded requests (3.2.4.1.4).
 */
public record Smb2FileId(long persistent, long volatileId) {
    public static final int SIZE = 16;
    public static final Smb2FileId ALL_ONES = new Smb2FileId(-1L, -1L);

    public static Smb2FileId decode(WireReader in) throws SmbWireException {
        return new Smb2FileId(in.readInt64(), in.readInt64());
    }

    public void encode(ByteBuf out) {
        out.writeLongLE(persistent);
        out.writeLongLE(volatileId);
    }

    @Override
    public String toString() {
        return "FileId[" + Long.toHexString(persistent) + ":" + Long.toHexString(volatileId) + "]";
    }
}
