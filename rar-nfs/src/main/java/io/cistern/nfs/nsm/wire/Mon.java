package io.cistern.nfs.nsm.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * mon (XNFS chapter 11), the argument of SM_MON: mon_id plus 16 private bytes the NSM hands back unchanged in its
 * callback, a fixed-length opaque (no length word on the wire).
 */
public record Mon(MonId monId, byte[] priv) {
    public static final int PRIV_BYTES = 16;

    public static Mon decode(XdrReader in) throws XdrException {
        MonId monId = MonId.decode(in);
        return new Mon(monId, in.readFixedOpaque(PRIV_BYTES));
    }

    public void encode(XdrWriter out) {
        if (priv.length != PRIV_BYTES) {
            throw new IllegalArgumentException("mon.priv is " + PRIV_BYTES + " bytes, not " + priv.length);
        }
        monId.encode(out);
        out.writeFixedOpaque(priv);
    }
}
