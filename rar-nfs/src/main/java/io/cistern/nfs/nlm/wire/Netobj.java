package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * netobj (RFC 1813 appendix II, XNFS chapter 10): the opaque carrier of NLM cookies, file handles and owner handles.
 * Bounded on both sides so that a call the adapter would refuse is never sent by it either.
 */
public final class Netobj {
    /** MAXNETOBJ_SZ. */
    public static final int MAX_BYTES = 1024;

    private Netobj() {
    }

    public static byte[] decode(XdrReader in) throws XdrException {
        return in.readOpaque(MAX_BYTES);
    }

    public static void encode(byte[] bytes, XdrWriter out) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("netobj of " + bytes.length + " bytes exceeds " + MAX_BYTES);
        }
        out.writeOpaque(bytes);
    }
}
