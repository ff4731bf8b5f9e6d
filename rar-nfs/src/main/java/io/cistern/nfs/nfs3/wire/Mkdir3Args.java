package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** MKDIR3args (RFC 1813 section 3.3.9): where the directory goes and the attributes it starts with. */
public record Mkdir3Args(DirOpArgs3 where, NfsSetAttributes attributes) {

    public static Mkdir3Args decode(XdrReader in) throws XdrException {
        return new Mkdir3Args(DirOpArgs3.decode(in), Sattr3.decode(in));
    }

    public void encode(XdrWriter out) {
        where.encode(out);
        Sattr3.encode(attributes, out);
    }
}
