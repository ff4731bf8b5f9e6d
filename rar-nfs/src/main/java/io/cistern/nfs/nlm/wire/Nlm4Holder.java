package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmHolder;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** nlm4_holder (RFC 1813 appendix II): exclusive, svid, oh, l_offset, l_len; what F_GETLK reports to the client. */
public final class Nlm4Holder {
    private Nlm4Holder() {
    }

    public static NlmHolder decode(XdrReader in) throws XdrException {
        boolean exclusive = in.readBoolean();
        int svid = in.readInt();
        byte[] owner = Netobj.decode(in);
        return new NlmHolder(exclusive, svid, owner, in.readLong(), in.readLong());
    }

    public static void encode(NlmHolder holder, XdrWriter out) {
        out.writeBoolean(holder.exclusive()).writeInt(holder.svid());
        Netobj.encode(holder.owner(), out);
        out.writeLong(holder.offset()).writeLong(holder.length());
    }
}
