package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsLookupReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * LOOKUP3res (RFC 1813 section 3.3.3): on success the handle (never optional), the object's and the directory's
 * post_op_attr; on failure the directory's post_op_attr alone, which keeps a client's cache of a directory whose
 * names it keeps missing fresh.
 */
public final class Lookup3Res {
    private Lookup3Res() {
    }

    public static void encode(NfsLookupReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        if (reply.status() == NfsStatus.OK) {
            FileHandle3.encode(reply.handle(), out);
            Fattr3.encodeOptional(reply.object(), out);
        }
        Fattr3.encodeOptional(reply.directory(), out);
    }

    public static NfsLookupReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        if (status != NfsStatus.OK) {
            return new NfsLookupReply(status, null, null, Fattr3.decodeOptional(in));
        }
        byte[] handle = FileHandle3.decode(in);
        NfsAttributes object = Fattr3.decodeOptional(in);
        return new NfsLookupReply(status, handle, object, Fattr3.decodeOptional(in));
    }
}
