package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** ACCESS3res (RFC 1813 section 3.3.4): post_op_attr in both arms, then the granted bits on success. */
public final class Access3Res {
    private Access3Res() {
    }

    public static void encode(NfsAccessReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        Fattr3.encodeOptional(reply.attributes(), out);
        if (reply.status() == NfsStatus.OK) {
            out.writeInt(reply.access());
        }
    }

    public static NfsAccessReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        NfsAttributes attributes = Fattr3.decodeOptional(in);
        return new NfsAccessReply(status, attributes, status == NfsStatus.OK ? in.readInt() : 0);
    }
}
