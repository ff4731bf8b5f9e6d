package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** LINK3args (RFC 1813 section 3.3.15): an existing file and the new name it should also have. */
public record Link3Args(byte[] file, DirOpArgs3 link) {

    public static Link3Args decode(XdrReader in) throws XdrException {
        return new Link3Args(FileHandle3.decode(in), DirOpArgs3.decode(in));
    }

    public void encode(XdrWriter out) {
        FileHandle3.encode(file, out);
        link.encode(out);
    }
}
