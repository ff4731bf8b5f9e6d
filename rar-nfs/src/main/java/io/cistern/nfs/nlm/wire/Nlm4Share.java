package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * nlm4_share (RFC 1813 appendix II; XNFS chapter 14): caller_name, fh, oh, fsh4_mode, fsh4_access. Modes and accesses
 * outside 0 to 3 are garbage: a share reservation the lock manager misreads would deny the wrong opens.
 */
public final class Nlm4Share {
    private static final int MAX_MODE = 3;

    private Nlm4Share() {
    }

    public static NlmShare decode(XdrReader in) throws XdrException {
        String callerName = in.readString(Nlm4Lock.MAX_CALLER_NAME);
        byte[] handle = Netobj.decode(in);
        byte[] owner = Netobj.decode(in);
        int mode = in.readInt();
        int access = in.readInt();
        if (mode < 0 || mode > MAX_MODE || access < 0 || access > MAX_MODE) {
            throw new XdrException("no fsh4_mode " + mode + " or fsh4_access " + access);
        }
        return new NlmShare(callerName, handle, owner, mode, access);
    }

    public static void encode(NlmShare share, XdrWriter out) {
        CallerName.encode(share.callerName(), Nlm4Lock.MAX_CALLER_NAME, out);
        Netobj.encode(share.handle(), out);
        Netobj.encode(share.owner(), out);
        out.writeInt(share.mode()).writeInt(share.access());
    }
}
