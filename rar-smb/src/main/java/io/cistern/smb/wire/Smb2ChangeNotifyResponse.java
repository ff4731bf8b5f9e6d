package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 CHANGE_NOTIFY Response, [MS-SMB2] 2.2.36: StructureSize 9, OutputBufferOffset (72, right after the fixed part),
 * OutputBufferLength and the chain of {@link FileNotifyInformation} entries. The handler has already checked that the
 * chain fits the request's OutputBufferLength (else it answers STATUS_NOTIFY_ENUM_DIR).
 */
public record Smb2ChangeNotifyResponse(byte[] output) {
    public static final int STRUCTURE_SIZE = OutputBufferBody.STRUCTURE_SIZE;

    /** Takes {@code output} as it is, without a copy. */
    public Smb2ChangeNotifyResponse {
    }

    public static Smb2ChangeNotifyResponse decode(WireReader in) throws SmbWireException {
        return new Smb2ChangeNotifyResponse(OutputBufferBody.decode(in, "CHANGE_NOTIFY"));
    }

    public void encode(ByteBuf out) {
        OutputBufferBody.encode(out, output);
    }
}
