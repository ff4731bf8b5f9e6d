package io.cistern.nfs.nsm.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** sm_stat (XNFS chapter 11), the result of SM_UNMON and SM_UNMON_ALL: the NSM's state number alone. */
public record SmStat(int state) {

    public static SmStat decode(XdrReader in) throws XdrException {
        return new SmStat(in.readInt());
    }

    public void encode(XdrWriter out) {
        out.writeInt(state);
    }
}
