package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsLinkReply;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** LINK3res (RFC 1813 section 3.3.15): the file's post_op_attr and the directory's wcc_data, in both arms. */
public final class Link3Res {
    private Link3Res() {
    }

    public static void encode(NfsLinkReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        Fattr3.encodeOptional(reply.file(), out);
        WccData.encode(reply.directory(), out);
    }

    public static NfsLinkReply decode(XdrReader in) throws XdrException {
        return new NfsLinkReply(Nfs3Status.decode(in), Fattr3.decodeOptional(in), WccData.decode(in));
    }
}
