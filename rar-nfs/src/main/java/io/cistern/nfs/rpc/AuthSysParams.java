package io.cistern.nfs.rpc;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an AUTH_SYS credential: {@code authsys_parms} of RFC 5531 appendix A.
 *
 * @param stamp       arbitrary id the client chose
 * @param machineName at most 255 bytes
 * @param uid         the caller's effective uid
 * @param gid         the caller's effective gid
 * @param gids        at most 16 supplementary gids
 */
public record AuthSysParams(int stamp, String machineName, int uid, int gid, List<Integer> gids) {
    public static final int MAX_MACHINE_NAME = 255;
    public static final int MAX_GIDS = 16;

    public AuthSysParams {
        gids = List.copyOf(gids);
    }

    public static AuthSysParams decode(byte[] body) throws XdrException {
        XdrReader in = new XdrReader(Unpooled.wrappedBuffer(body));
        int stamp = in.readInt();
        String machine = in.readString(MAX_MACHINE_NAME);
        int uid = in.readInt();
        int gid = in.readInt();
        long count = in.readUnsignedInt();
        if (count > MAX_GIDS) {
            throw new XdrException("AUTH_SYS carries " + count + " groups, at most " + MAX_GIDS + " allowed");
        }
        List<Integer> gids = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            gids.add(in.readInt());
        }
        return new AuthSysParams(stamp, machine, uid, gid, gids);
    }

    public OpaqueAuth encode() {
        ByteBuf buf = Unpooled.buffer();
        XdrWriter out = new XdrWriter(buf).writeInt(stamp).writeString(machineName).writeInt(uid).writeInt(gid);
        out.writeInt(gids.size());
        gids.forEach(out::writeInt);
        byte[] body = new byte[buf.readableBytes()];
        buf.readBytes(body);
        return new OpaqueAuth(OpaqueAuth.AUTH_SYS, body);
    }
}
