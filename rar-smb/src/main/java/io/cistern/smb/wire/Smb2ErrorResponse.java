package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Objects;

/**
 * SMB2 ERROR Response, [MS-SMB2] 2.2.2: the body of any response whose status is an error. With no error
 * data, the spec requires one byte (of value 0) in ErrorData all the same; {@link #encode} writes it and
 * {@link #decode} skips it, so an empty {@code errorData} stands for that form.
 *
 * @param errorContextCount number of error contexts (3.1.1), else 0
 * @param errorData         the error data, ByteCount bytes
 */
public record Smb2ErrorResponse(int errorContextCount, byte[] errorData) {
    public static final int STRUCTURE_SIZE = 9;
    public static final Smb2ErrorResponse EMPTY = new Smb2ErrorResponse(0, new byte[0]);

    public Smb2ErrorResponse {
        if (errorContextCount < 0 || errorContextCount > 0xFF) {
            throw new IllegalArgumentException("ErrorContextCount is one byte: " + errorContextCount);
        }
        errorData = errorData.clone();
    }

    public static Smb2ErrorResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("ERROR response StructureSize " + structureSize + ", expected 9");
        }
        int contextCount = in.readUInt8();
        in.skip(1);                                    // Reserved
        long byteCount = Integer.toUnsignedLong(in.readInt32());
        if (byteCount > in.remaining()) {
            throw new SmbWireException("ERROR response ByteCount " + byteCount + " exceeds the message");
        }
        if (byteCount == 0) {
            in.skip(Math.min(1, in.remaining()));      // the mandatory single ErrorData byte
            return new Smb2ErrorResponse(contextCount, new byte[0]);
        }
        return new Smb2ErrorResponse(contextCount, in.readBytes((int) byteCount));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(errorContextCount);
        out.writeByte(0);
        out.writeIntLE(errorData.length);
        if (errorData.length == 0) {
            out.writeByte(0);
        } else {
            out.writeBytes(errorData);
        }
    }

    @Override
    public byte[] errorData() {
        return errorData.clone();
    }

    // a record compares arrays by identity; compare the bytes instead
    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2ErrorResponse r && errorContextCount == r.errorContextCount
                && Arrays.equals(errorData, r.errorData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(errorContextCount, Arrays.hashCode(errorData));
    }

    @Override
    public String toString() {
        return "Smb2ErrorResponse[errorContextCount=" + errorContextCount + ", errorData=" + errorData.length + " bytes]";
    }
}
