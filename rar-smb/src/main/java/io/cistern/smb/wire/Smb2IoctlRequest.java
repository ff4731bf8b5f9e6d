package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * SMB2 IOCTL Request, [MS-SMB2] 2.2.31: a control code, the open it is for (all ones for the FSCTLs that name
 * none), the input buffer, how much output the client takes, and whether it is an FSCTL. The input must lie
 * wholly inside the message after the 56-byte fixed part; the output-in buffer, which no FSCTL handled here uses,
 * is not kept.
 *
 * @param ctlCode           the FSCTL or IOCTL code
 * @param filePersistent    FileId.Persistent
 * @param fileVolatile      FileId.Volatile
 * @param input             the input buffer
 * @param maxInputResponse  MaxInputResponse
 * @param maxOutputResponse the most output the client accepts
 * @param flags             {@link #FLAG_IS_FSCTL} or 0
 */
public record Smb2IoctlRequest(int ctlCode, long filePersistent, long fileVolatile, byte[] input,
                               int maxInputResponse, int maxOutputResponse, int flags) {
    public static final int STRUCTURE_SIZE = 57;
    public static final int FIXED_SIZE = 56;
    public static final int BUFFER_OFFSET = Smb2Header.STRUCTURE_SIZE + FIXED_SIZE;
    public static final int FLAG_IS_FSCTL = 0x0000_0001;

    public Smb2IoctlRequest {
        input = input.clone();
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    public boolean isFsctl() {
        return (flags & FLAG_IS_FSCTL) != 0;
    }

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2IoctlRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("IOCTL request StructureSize " + structureSize + ", expected 57");
        }
        in.skip(2);
        int ctlCode = in.readInt32();
        long persistent = in.readInt64();
        long volatileId = in.readInt64();
        int inputOffset = in.readInt32();
        int inputCount = in.readInt32();
        int maxInputResponse = in.readInt32();
        in.skip(8);                                    // OutputOffset, OutputCount
        int maxOutputResponse = in.readInt32();
        int flags = in.readInt32();
        in.skip(4);
        byte[] input = SecurityBuffer.read(in, inputOffset, inputCount, BUFFER_OFFSET, "IOCTL request Input");
        return new Smb2IoctlRequest(ctlCode, persistent, volatileId, input, maxInputResponse, maxOutputResponse,
                flags);
    }

    /** Writes the body with the input right after the fixed part; the SMB2 header must directly precede it. */
    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(0);
        out.writeIntLE(ctlCode);
        out.writeLongLE(filePersistent);
        out.writeLongLE(fileVolatile);
        out.writeIntLE(input.length == 0 ? 0 : BUFFER_OFFSET);
        out.writeIntLE(input.length);
        out.writeIntLE(maxInputResponse);
        out.writeIntLE(0);
        out.writeIntLE(0);
        out.writeIntLE(maxOutputResponse);
        out.writeIntLE(flags);
        out.writeIntLE(0);
        out.writeBytes(input);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2IoctlRequest r && ctlCode == r.ctlCode && filePersistent == r.filePersistent
                && fileVolatile == r.fileVolatile && Arrays.equals(input, r.input)
                && maxInputResponse == r.maxInputResponse && maxOutputResponse == r.maxOutputResponse
                && flags == r.flags;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {ctlCode, filePersistent, fileVolatile, Arrays.hashCode(input),
                maxInputResponse, maxOutputResponse, flags});
    }

    @Override
    public String toString() {
        return "Smb2IoctlRequest[ctlCode=0x" + Integer.toHexString(ctlCode) + ", input " + input.length
                + " bytes, maxOutput " + maxOutputResponse + ", flags " + flags + "]";
    }
}
