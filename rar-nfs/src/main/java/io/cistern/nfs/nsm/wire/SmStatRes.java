package io.cistern.nfs.nsm.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * sm_stat_res (XNFS chapter 11), the result of SM_STAT and SM_MON: whether the NSM agrees (res STAT_SUCC 0,
 * STAT_FAIL 1) and its own state number, which clients keep to notice that this host restarted.
 */
public record SmStatRes(boolean success, int state) {
    public static final int STAT_SUCC = 0;
    public static final int STAT_FAIL = 1;

    public static SmStatRes decode(XdrReader in) throws XdrException {
        int res = in.readInt();
        if (res != STAT_SUCC && res != STAT_FAIL) {
            throw new XdrException("no NSM res " + res);
        }
        return new SmStatRes(res == STAT_SUCC, in.readInt());
    }

    public void encode(XdrWriter out) {
        out.writeInt(success ? STAT_SUCC : STAT_FAIL).writeInt(state);
    }
}
