package io.cistern.nfs.nsm.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * my_id (XNFS chapter 11): the local lock manager that asks to be called back (program, version, procedure on host
 * my_name) when a monitored host restarts. The argument of SM_UNMON_ALL and part of mon_id.
 */
public record MyId(String myName, int program, int version, int procedure) {

    public static MyId decode(XdrReader in) throws XdrException {
        return new MyId(SmString.decode(in), in.readInt(), in.readInt(), in.readInt());
    }

    public void encode(XdrWriter out) {
        SmString.encode(myName, out);
        out.writeInt(program).writeInt(version).writeInt(procedure);
    }
}
