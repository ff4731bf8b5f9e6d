package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Objects;

/**
 * SMB2 SESSION_SETUP Request, [MS-SMB2] 2.2.5: the body after the SMB2 header. The security buffer carries
 * the client's GSS token (SPNEGO, or raw NTLMSSP from some clients); {@link #decode} insists that it lies
 * inside the message after the 24-byte fixed part, and {@link #encode} always puts it right there.
 *
 * @param flags             SMB2_SESSION_FLAG_BINDING (3.x only), else 0
 * @param securityMode      {@link #SIGNING_ENABLED} / {@link #SIGNING_REQUIRED}
 * @param capabilities      the client's SMB2_GLOBAL_CAP_* bits (only DFS is defined for this request)
 * @param channel           reserved, 0
 * @param previousSessionId a session of the same client to be torn down (reconnect), or 0
 * @param securityBuffer    the GSS token
 */
public record Smb2SessionSetupRequest(int flags, int securityMode, int capabilities, int channel,
                                      long previousSessionId, byte[] securityBuffer) {
    public static final int STRUCTURE_SIZE = 25;
    /** The fixed part: StructureSize counts one byte of the buffer too. */
    public static final int FIXED_SIZE = 24;
    public static final int SECURITY_BUFFER_OFFSET = Smb2Header.STRUCTURE_SIZE + FIXED_SIZE;

    public static final int FLAG_BINDING = 0x01;
    public static final int SIGNING_ENABLED = 0x01;
    public static final int SIGNING_REQUIRED = 0x02;

    public Smb2SessionSetupRequest {
        securityBuffer = SecurityBuffer.checkedCopy(securityBuffer);
    }

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2SessionSetupRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("SESSION_SETUP request StructureSize " + structureSize + ", expected 25");
        }
        int flags = in.readUInt8();
        int securityMode = in.readUInt8();
        int capabilities = in.readInt32();
        int channel = in.readInt32();
        int bufferOffset = in.readUInt16();
        int bufferLength = in.readUInt16();
        long previousSessionId = in.readInt64();
        byte[] buffer = SecurityBuffer.read(in, bufferOffset, bufferLength, SECURITY_BUFFER_OFFSET,
                "SESSION_SETUP request");
        return new Smb2SessionSetupRequest(flags, securityMode, capabilities, channel, previousSessionId, buffer);
    }

    /** Writes the body; the SMB2 header must directly precede it, since offsets count from the header. */
    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(flags);
        out.writeByte(securityMode);
        out.writeIntLE(capabilities);
        out.writeIntLE(channel);
        out.writeShortLE(SECURITY_BUFFER_OFFSET);
        out.writeShortLE(securityBuffer.length);
        out.writeLongLE(previousSessionId);
        out.writeBytes(securityBuffer);
    }

    public boolean signingRequired() {
        return (securityMode & SIGNING_REQUIRED) != 0;
    }

    @Override
    public byte[] securityBuffer() {
        return securityBuffer.clone();
    }

    // a record compares arrays by identity; compare the buffer's bytes instead
    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2SessionSetupRequest r && flags == r.flags && securityMode == r.securityMode
                && capabilities == r.capabilities && channel == r.channel
                && previousSessionId == r.previousSessionId && Arrays.equals(securityBuffer, r.securityBuffer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, securityMode, capabilities, channel, previousSessionId,
                Arrays.hashCode(securityBuffer));
    }

    // the token is authentication material: only its length is shown
    @Override
    public String toString() {
        return "Smb2SessionSetupRequest[flags=" + flags + ", securityMode=" + securityMode + ", capabilities=0x"
                + Integer.toHexString(capabilities) + ", previousSessionId=0x" + Long.toHexString(previousSessionId)
                + ", securityBuffer=" + securityBuffer.length + " bytes]";
    }
}
