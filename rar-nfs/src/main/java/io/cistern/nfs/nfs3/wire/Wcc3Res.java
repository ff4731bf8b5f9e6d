package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsWccReply;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * SETATTR3res, REMOVE3res and RMDIR3res (RFC 1813 sections 3.3.2, 3.3.12, 3.3.13), one codec because the three
 * share one layout: the status, then wcc_data in both arms, since a failed change may still have changed the object
 * (or directory) and the client must know to drop its cache.
 */
public final class Wcc3Res {
    private Wcc3Res() {
    }

    public static void encode(NfsWccReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        WccData.encode(reply.wcc(), out);
    }

    public static NfsWccReply decode(XdrReader in) throws XdrException {
        return new NfsWccReply(Nfs3Status.decode(in), WccData.decode(in));
    }
}
