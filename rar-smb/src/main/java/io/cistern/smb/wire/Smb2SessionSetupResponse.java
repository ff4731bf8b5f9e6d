package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Objects;

/**
 * SMB2 SESSION_SETUP Response, [MS-SMB2] 2.2.6: the body after the SMB2 header, sent with STATUS_SUCCESS or
 * STATUS_MORE_PROCESSING_REQUIRED (any other status gets the ERROR response of 2.2.2). The security buffer
 * follows the 8-byte fixed part, at offset 72 from the start of the header.
 *
 * @param sessionFlags   {@link #FLAG_IS_GUEST}, {@link #FLAG_IS_NULL} (anonymous) or 0
 * @param securityBuffer the server's GSS token
 */
public record Smb2SessionSetupResponse(int sessionFlags, byte[] securityBuffer) {
    public static final int STRUCTURE_SIZE = 9;
    /** The fixed part: StructureSize counts one byte of the buffer too. */
    public static final int FIXED_SIZE = 8;
    public static final int SECURITY_BUFFER_OFFSET = Smb2Header.STRUCTURE_SIZE + FIXED_SIZE;

    public static final int FLAG_IS_GUEST = 0x0001;
    public static final int FLAG_IS_NULL = 0x0002;
    /** SMB 3.x only. */
    public static final int FLAG_ENCRYPT_DATA = 0x0004;

    public Smb2SessionSetupResponse {
        securityBuffer = SecurityBuffer.checkedCopy(securityBuffer);
    }

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2SessionSetupResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("SESSION_SETUP response StructureSize " + structureSize + ", expected 9");
        }
        int sessionFlags = in.readUInt16();
        int bufferOffset = in.readUInt16();
        int bufferLength = in.readUInt16();
        byte[] buffer = SecurityBuffer.read(in, bufferOffset, bufferLength, SECURITY_BUFFER_OFFSET,
                "SESSION_SETUP response");
        return new Smb2SessionSetupResponse(sessionFlags, buffer);
    }

    /** Writes the body; the SMB2 header must directly precede it, since offsets count from the header. */
    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(sessionFlags);
        out.writeShortLE(SECURITY_BUFFER_OFFSET);
        out.writeShortLE(securityBuffer.length);
        out.writeBytes(securityBuffer);
    }

    @Override
    public byte[] securityBuffer() {
        return securityBuffer.clone();
    }

    // a record compares arrays by identity; compare the buffer's bytes instead
    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2SessionSetupResponse r && sessionFlags == r.sessionFlags
                && Arrays.equals(securityBuffer, r.securityBuffer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionFlags, Arrays.hashCode(securityBuffer));
    }

    // the token is authentication material: only its length is shown
    @Override
    public String toString() {
        return "Smb2SessionSetupResponse[sessionFlags=" + sessionFlags + ", securityBuffer=" + securityBuffer.length
                + " bytes]";
    }
}
