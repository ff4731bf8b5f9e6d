package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/** The shape two negotiate contexts share: a 16-bit count, then that many 16-bit ids. */
final class CountedIdList {
    private CountedIdList() {
    }

    static List<Integer> decode(byte[] data, String what) throws SmbWireException {
        WireReader in = new WireReader(Unpooled.wrappedBuffer(data));
        int count = in.readUInt16();
        if (count == 0) {
            throw new SmbWireException(what + " with a count of 0");
        }
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(in.readUInt16());
        }
        return ids;
    }

    static byte[] encode(List<Integer> ids) {
        ByteBuf out = Unpooled.buffer(2 + 2 * ids.size());
        out.writeShortLE(ids.size());
        ids.forEach(out::writeShortLE);
        return ByteBufUtil.getBytes(out);
    }
}
