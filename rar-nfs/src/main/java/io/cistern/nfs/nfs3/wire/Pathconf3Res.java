package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsPathconfReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** PATHCONF3res (RFC 1813 section 3.3.20): post_op_attr in both arms; on success linkmax, name_max, four flags. */
public final class Pathconf3Res {
    private Pathconf3Res() {
    }

    public static void encode(NfsPathconfReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        Fattr3.encodeOptional(reply.attributes(), out);
        if (reply.status() == NfsStatus.OK) {
            out.writeInt(reply.linkMax()).writeInt(reply.nameMax()).writeBoolean(reply.noTrunc())
                    .writeBoolean(reply.chownRestricted()).writeBoolean(reply.caseInsensitive())
                    .writeBoolean(reply.casePreserving());
        }
    }

    public static NfsPathconfReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        NfsAttributes attributes = Fattr3.decodeOptional(in);
        if (status != NfsStatus.OK) {
            return new NfsPathconfReply(status, attributes, 0, 0, false, false, false, false);
        }
        return new NfsPathconfReply(status, attributes, in.readInt(), in.readInt(), in.readBoolean(),
                in.readBoolean(), in.readBoolean(), in.readBoolean());
    }
}
