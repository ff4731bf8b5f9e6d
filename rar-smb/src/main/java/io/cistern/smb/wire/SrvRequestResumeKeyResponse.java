package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * SRV_REQUEST_RESUME_KEY Response, [MS-SMB2] 2.2.32.3: the 24-byte key that names an open as the source of a
 * server-side copy (2.2.31.1), ContextLength (unused, 0) and the Context. The Context is sent as 4 zero bytes, 32
 * bytes in all, as Windows and Samba answer and smbtorture asks for (MaxOutputResponse 32); a reader needs only
 * the key and ContextLength.
 *
 * @param resumeKey the key, opaque to the client
 */
public record SrvRequestResumeKeyResponse(byte[] resumeKey) {
    public static final int KEY_SIZE = 24;
    /** What {@link #encode} writes, the MaxOutputResponse the request must allow. */
    public static final int SIZE = 32;
    private static final int MIN_SIZE = 28;

    public SrvRequestResumeKeyResponse {
        if (resumeKey.length != KEY_SIZE) {
            throw new IllegalArgumentException("a resume key has 24 bytes, not " + resumeKey.length);
        }
        resumeKey = resumeKey.clone();
    }

    @Override
    public byte[] resumeKey() {
        return resumeKey.clone();
    }

    public static SrvRequestResumeKeyResponse decode(byte[] output) throws SmbWireException {
        if (output.length < MIN_SIZE) {
            throw new SmbWireException("SRV_REQUEST_RESUME_KEY response of " + output.length + " bytes");
        }
        WireReader in = new WireReader(Unpooled.wrappedBuffer(output));
        byte[] key = in.readBytes(KEY_SIZE);
        long contextLength = Integer.toUnsignedLong(in.readInt32());
        if (contextLength > output.length - MIN_SIZE) {
            throw new SmbWireException("ContextLength " + contextLength + " beyond the response");
        }
        return new SrvRequestResumeKeyResponse(key);
    }

    public byte[] encode() {
        ByteBuf out = Unpooled.buffer(SIZE);
        out.writeBytes(resumeKey);
        out.writeIntLE(0);
        out.writeIntLE(0);
        return ByteBufUtil.getBytes(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrvRequestResumeKeyResponse r && Arrays.equals(resumeKey, r.resumeKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(resumeKey);
    }

    @Override
    public String toString() {
        return "SrvRequestResumeKeyResponse[24-byte key]";
    }
}
