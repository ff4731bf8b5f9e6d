package io.cistern.nfs.nsm.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** sm_name (XNFS chapter 11), the argument of SM_STAT: the host the caller would like monitored. */
public record SmName(String monName) {

    public static SmName decode(XdrReader in) throws XdrException {
        return new SmName(SmString.decode(in));
    }

    public void encode(XdrWriter out) {
        SmString.encode(monName, out);
    }
}
