package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** RENAME3args (RFC 1813 section 3.3.14): the name to move and where it goes, possibly in another directory. */
public record Rename3Args(DirOpArgs3 from, DirOpArgs3 to) {

    public static Rename3Args decode(XdrReader in) throws XdrException {
        return new Rename3Args(DirOpArgs3.decode(in), DirOpArgs3.decode(in));
    }

    public void encode(XdrWriter out) {
        from.encode(out);
        to.encode(out);
    }
}
