package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * SMB2 IOCTL Response, [MS-SMB2] 2.2.32: the control code and FileId of the request, no input echoed back
 * (InputCount 0, which every FSCTL handled here allows), and the output right after the 48-byte fixed part.
 *
 * @param ctlCode        the request's code
 * @param filePersistent the request's FileId.Persistent
 * @param fileVolatile   the request's FileId.Volatile
 * @param output         the output buffer
 */
public record Smb2IoctlResponse(int ctlCode, long filePersistent, long fileVolatile, byte[] output) {
    public static final int STRUCTURE_SIZE = 49;
    public static final int FIXED_SIZE = 48;
    public static final int BUFFER_OFFSET = Smb2Header.STRUCTURE_SIZE + FIXED_SIZE;

    public Smb2IoctlResponse {
        output = output.clone();
    }

    @Override
    public byte[] output() {
        return output.clone();
    }

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2IoctlResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("IOCTL response StructureSize " + structureSize + ", expected 49");
        }
        in.skip(2);
        int ctlCode = in.readInt32();
        long persistent = in.readInt64();
        long volatileId = in.readInt64();
        in.skip(8);                                    // InputOffset, InputCount
        int outputOffset = in.readInt32();
        int outputCount = in.readInt32();
        byte[] output = SecurityBuffer.read(in, outputOffset, outputCount, BUFFER_OFFSET, "IOCTL response Output");
        return new Smb2IoctlResponse(ctlCode, persistent, volatileId, output);
    }

    /** Writes the body; the SMB2 header must directly precede it, since offsets count from the header. */
    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(0);
        out.writeIntLE(ctlCode);
        out.writeLongLE(filePersistent);
        out.writeLongLE(fileVolatile);
        out.writeIntLE(BUFFER_OFFSET);                 // InputOffset: where an input would be, though none is
        out.writeIntLE(0);
        out.writeIntLE(BUFFER_OFFSET);
        out.writeIntLE(output.length);
        out.writeIntLE(0);                             // Flags
        out.writeIntLE(0);
        out.writeBytes(output);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2IoctlResponse r && ctlCode == r.ctlCode && filePersistent == r.filePersistent
                && fileVolatile == r.fileVolatile && Arrays.equals(output, r.output);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {ctlCode, filePersistent, fileVolatile, Arrays.hashCode(output)});
    }

    @Override
    public String toString() {
        return "Smb2IoctlResponse[ctlCode=0x" + Integer.toHexString(ctlCode) + ", output " + output.length + " bytes]";
    }
}
