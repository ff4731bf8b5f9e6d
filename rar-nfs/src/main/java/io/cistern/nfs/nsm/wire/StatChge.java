package io.cistern.nfs.nsm.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * stat_chge (XNFS chapter 11), the argument of SM_NOTIFY: a host that restarted and its new state number, sent by
 * that host's NSM to every host it had locks with.
 */
public record StatChge(String monName, int state) {

    public static StatChge decode(XdrReader in) throws XdrException {
        String monName = SmString.decode(in);
        return new StatChge(monName, in.readInt());
    }

    public void encode(XdrWriter out) {
        SmString.encode(monName, out);
        out.writeInt(state);
    }
}
