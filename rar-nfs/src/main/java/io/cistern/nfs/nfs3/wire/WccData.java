package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.spi.NfsWccBefore;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** wcc_data (RFC 1813 section 2.6): pre_op_attr (wcc_attr when known) then post_op_attr. */
public final class WccData {
    private WccData() {
    }

    public static void encode(NfsWcc wcc, XdrWriter out) {
        NfsWcc data = wcc == null ? NfsWcc.NONE : wcc;
        NfsWccBefore before = data.before();
        out.writeBoolean(before != null);
        if (before != null) {
            out.writeLong(before.size());
            Fattr3.writeTime(before.mtimeNanos(), out);
            Fattr3.writeTime(before.ctimeNanos(), out);
        }
        Fattr3.encodeOptional(data.after(), out);
    }

    public static NfsWcc decode(XdrReader in) throws XdrException {
        NfsWccBefore before = null;
        if (in.readBoolean()) {
            before = new NfsWccBefore(in.readLong(), Fattr3.readTime(in), Fattr3.readTime(in));
        }
        NfsAttributes after = Fattr3.decodeOptional(in);
        return new NfsWcc(before, after);
    }
}
