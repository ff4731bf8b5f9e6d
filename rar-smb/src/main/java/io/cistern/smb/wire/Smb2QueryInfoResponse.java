package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 QUERY_INFO Response, [MS-SMB2] 2.2.38: the output buffer right after the 8-byte fixed part (OutputBufferOffset
 * 72 from the header). The handler has already fitted the buffer into the client's OutputBufferLength.
 */
public record Smb2QueryInfoResponse(byte[] output) {
    public static final int STRUCTURE_SIZE = OutputBufferBody.STRUCTURE_SIZE;
    public static final int OUTPUT_OFFSET = OutputBufferBody.OUTPUT_OFFSET;

    /** Takes {@code output} as it is, without a copy. */
    public Smb2QueryInfoResponse {
    }

    public static Smb2QueryInfoResponse decode(WireReader in) throws SmbWireException {
        return new Smb2QueryInfoResponse(OutputBufferBody.decode(in, "QUERY_INFO"));
    }

    public void encode(ByteBuf out) {
        OutputBufferBody.encode(out, output);
    }
}
