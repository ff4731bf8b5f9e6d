package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * nlm4_notify (RFC 1813 appendix II), the argument of FREE_ALL: a client host that restarted (and its new NSM state),
 * so that every lock and share it held can go. The name's bound is LM_MAXNAMELEN, one more than caller_name's.
 */
public record Nlm4Notify(String name, int state) {
    /** LM_MAXNAMELEN. */
    public static final int MAX_NAME = 1025;

    public static Nlm4Notify decode(XdrReader in) throws XdrException {
        String name = in.readString(MAX_NAME);
        return new Nlm4Notify(name, in.readInt());
    }

    public void encode(XdrWriter out) {
        CallerName.encode(name, MAX_NAME, out);
        out.writeInt(state);
    }
}
