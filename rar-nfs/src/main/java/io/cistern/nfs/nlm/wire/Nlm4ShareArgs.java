package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** nlm4_shareargs (RFC 1813 appendix II): the arguments of SHARE and UNSHARE (whose reclaim means nothing). */
public record Nlm4ShareArgs(byte[] cookie, NlmShare share, boolean reclaim) {

    public static Nlm4ShareArgs decode(XdrReader in) throws XdrException {
        byte[] cookie = Netobj.decode(in);
        NlmShare share = Nlm4Share.decode(in);
        return new Nlm4ShareArgs(cookie, share, in.readBoolean());
    }

    public void encode(XdrWriter out) {
        Netobj.encode(cookie, out);
        Nlm4Share.encode(share, out);
        out.writeBoolean(reclaim);
    }
}
