package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * SYMLINK3args (RFC 1813 section 3.3.10): where the link goes and its symlinkdata3. The target (nfspath3) is
 * unbounded in the RFC; beyond {@value #MAX_WIRE_PATH} bytes, more than any client's PATH_MAX, it is garbage rather
 * than something to store.
 */
public record Symlink3Args(DirOpArgs3 where, NfsSetAttributes attributes, byte[] target) {
    public static final int MAX_WIRE_PATH = 4096;

    public static Symlink3Args decode(XdrReader in) throws XdrException {
        DirOpArgs3 where = DirOpArgs3.decode(in);
        NfsSetAttributes attributes = Sattr3.decode(in);
        return new Symlink3Args(where, attributes, in.readOpaque(MAX_WIRE_PATH));
    }

    public void encode(XdrWriter out) {
        where.encode(out);
        Sattr3.encode(attributes, out);
        out.writeOpaque(target);
    }
}
