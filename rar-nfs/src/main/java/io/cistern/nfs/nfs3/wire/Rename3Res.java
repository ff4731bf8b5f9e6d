package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsRenameReply;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** RENAME3res (RFC 1813 section 3.3.14): both directories' wcc_data, in both arms. */
public final class Rename3Res {
    private Rename3Res() {
    }

    public static void encode(NfsRenameReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        WccData.encode(reply.from(), out);
        WccData.encode(reply.to(), out);
    }

    public static NfsRenameReply decode(XdrReader in) throws XdrException {
        return new NfsRenameReply(Nfs3Status.decode(in), WccData.decode(in), WccData.decode(in));
    }
}
