package io.cistern.nfs.nsm.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import java.nio.charset.StandardCharsets;

/** string&lt;SM_MAXSTRLEN&gt; (XNFS chapter 11): every host name of the NSM protocol, bounded both ways. */
final class SmString {
    /** SM_MAXSTRLEN. */
    static final int MAX_BYTES = 1024;

    private SmString() {
    }

    static String decode(XdrReader in) throws XdrException {
        return in.readString(MAX_BYTES);
    }

    static void encode(String value, XdrWriter out) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("NSM name of " + bytes.length + " bytes exceeds " + MAX_BYTES);
        }
        out.writeOpaque(bytes);
    }
}
