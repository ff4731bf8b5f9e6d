package io.cistern.nfs.nsm.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** mon_id (XNFS chapter 11), the argument of SM_UNMON: which host to stop watching, for whom. */
public record MonId(String monName, MyId myId) {

    public static MonId decode(XdrReader in) throws XdrException {
        String monName = SmString.decode(in);
        return new MonId(monName, MyId.decode(in));
    }

    public void encode(XdrWriter out) {
        SmString.encode(monName, out);
        myId.encode(out);
    }
}
