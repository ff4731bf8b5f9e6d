package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsReadlinkReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** READLINK3res (RFC 1813 section 3.3.5): post_op_attr in both arms, then the target (nfspath3) on success. */
public final class Readlink3Res {
    private Readlink3Res() {
    }

    public static void encode(NfsReadlinkReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        Fattr3.encodeOptional(reply.attributes(), out);
        if (reply.status() == NfsStatus.OK) {
            out.writeOpaque(reply.target());
        }
    }

    public static NfsReadlinkReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        NfsAttributes attributes = Fattr3.decodeOptional(in);
        byte[] target = status == NfsStatus.OK ? in.readOpaque(Symlink3Args.MAX_WIRE_PATH) : null;
        return new NfsReadlinkReply(status, attributes, target);
    }
}
