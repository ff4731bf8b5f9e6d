package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * CREATE3res, MKDIR3res, SYMLINK3res and MKNOD3res (RFC 1813 sections 3.3.8 to 3.3.11), one codec because the four
 * share one layout: on success post_op_fh3 and post_op_attr of the new object, then the directory's wcc_data; on
 * failure the directory's wcc_data alone.
 */
public final class Create3Res {
    private Create3Res() {
    }

    public static void encode(NfsCreateReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        if (reply.status() == NfsStatus.OK) {
            FileHandle3.encodeOptional(reply.handle(), out);
            Fattr3.encodeOptional(reply.attributes(), out);
        }
        WccData.encode(reply.directory(), out);
    }

    public static NfsCreateReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        if (status != NfsStatus.OK) {
            return new NfsCreateReply(status, null, null, WccData.decode(in));
        }
        byte[] handle = FileHandle3.decodeOptional(in);
        NfsAttributes attributes = Fattr3.decodeOptional(in);
        return new NfsCreateReply(status, handle, attributes, WccData.decode(in));
    }
}
