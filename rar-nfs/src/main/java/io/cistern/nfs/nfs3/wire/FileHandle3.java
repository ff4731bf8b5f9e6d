package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** nfs_fh3 (RFC 1813 section 2.5): opaque handle data of at most {@value #MAX_BYTES} bytes. */
public final class FileHandle3 {
    public static final int MAX_BYTES = 64;

    private FileHandle3() {
    }

    public static byte[] decode(XdrReader in) throws XdrException {
        return in.readOpaque(MAX_BYTES);
    }

    public static void encode(byte[] handle, XdrWriter out) {
        out.writeOpaque(handle);
    }

    /** post_op_fh3: a boolean, then the handle when there is one. */
    public static void encodeOptional(byte[] handle, XdrWriter out) {
        out.writeBoolean(handle != null);
        if (handle != null) {
            encode(handle, out);
        }
    }

    public static byte[] decodeOptional(XdrReader in) throws XdrException {
        return in.readBoolean() ? decode(in) : null;
    }
}
