package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** GETATTR3res (RFC 1813 section 3.3.1): status, then fattr3 on success and nothing on failure. */
public final class Getattr3Res {
    private Getattr3Res() {
    }

    public static void encode(NfsAttrReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        if (reply.status() == NfsStatus.OK) {
            Fattr3.encode(reply.attributes(), out);
        }
    }

    public static NfsAttrReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        return new NfsAttrReply(status, status == NfsStatus.OK ? Fattr3.decode(in) : null);
    }
}
