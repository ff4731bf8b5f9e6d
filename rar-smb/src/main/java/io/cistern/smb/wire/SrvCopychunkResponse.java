package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * SRV_COPYCHUNK_RESPONSE, [MS-SMB2] 2.2.32.1: after a copy, the chunks written, the bytes written of a chunk that
 * was written in part (always 0 here: a chunk is copied whole or not at all) and the bytes written in all; after a
 * request beyond the server's limits (STATUS_INVALID_PARAMETER), those limits: the most chunks, the largest chunk
 * and the most bytes of one request. The three counts are unsigned 32-bit numbers, kept here in ints.
 */
public record SrvCopychunkResponse(int chunksWritten, int chunkBytesWritten, int totalBytesWritten) {
    public static final int SIZE = 12;

    public static SrvCopychunkResponse decode(byte[] output) throws SmbWireException {
        if (output.length < SIZE) {
            throw new SmbWireException("SRV_COPYCHUNK_RESPONSE of " + output.length + " bytes, 12 expected");
        }
        WireReader in = new WireReader(Unpooled.wrappedBuffer(output));
        return new SrvCopychunkResponse(in.readInt32(), in.readInt32(), in.readInt32());
    }

    public byte[] encode() {
        ByteBuf out = Unpooled.buffer(SIZE);
        out.writeIntLE(chunksWritten);
        out.writeIntLE(chunkBytesWritten);
        out.writeIntLE(totalBytesWritten);
        return ByteBufUtil.getBytes(out);
    }
}
