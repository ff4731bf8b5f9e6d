package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.UUID;

/**
 * A GUID in its packet representation, [MS-DTYP] 2.3.4.2: Data1 (32 bits), Data2 and Data3 (16 bits
 * each) little-endian, then Data4 as eight bytes in order. {@link UUID#toString()} prints the same
 * text Windows shows for it.
 */
public final class Guid {
    public static final int SIZE = 16;

    private Guid() {
    }

    public static UUID read(WireReader in) throws SmbWireException {
        long data1 = Integer.toUnsignedLong(in.readInt32());
        long data2 = in.readUInt16();
        long data3 = in.readUInt16();
        byte[] data4 = in.readBytes(8);
        long most = (data1 << 32) | (data2 << 16) | data3;
        long least = 0;
        for (byte b : data4) {
            least = (least << 8) | (b & 0xFF);
        }
        return new UUID(most, least);
    }

    public static void write(ByteBuf out, UUID guid) {
        long most = guid.getMostSignificantBits();
        out.writeIntLE((int) (most >>> 32));
        out.writeShortLE((int) (most >>> 16));
        out.writeShortLE((int) most);
        out.writeLong(guid.getLeastSignificantBits());   // Data4: bytes in order, i.e. big-endian
    }
}
