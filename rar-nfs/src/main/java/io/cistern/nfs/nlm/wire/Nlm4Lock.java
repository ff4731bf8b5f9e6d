package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * nlm4_lock (RFC 1813 appendix II; XNFS chapter 14): caller_name, fh, oh, svid, l_offset, l_len. Offset and length
 * are XDR unsigned hypers carried in a long as they are: a client asking for "up to 2^64 - 1" gets exactly that
 * bit pattern back in GRANTED, which it compares to what it asked for.
 */
public final class Nlm4Lock {
    /** LM_MAXSTRLEN. */
    public static final int MAX_CALLER_NAME = 1024;

    private Nlm4Lock() {
    }

    public static NlmLock decode(XdrReader in) throws XdrException {
        String callerName = in.readString(MAX_CALLER_NAME);
        byte[] handle = Netobj.decode(in);
        byte[] owner = Netobj.decode(in);
        int svid = in.readInt();
        long offset = in.readLong();
        long length = in.readLong();
        return new NlmLock(callerName, handle, owner, svid, offset, length);
    }

    public static void encode(NlmLock lock, XdrWriter out) {
        CallerName.encode(lock.callerName(), MAX_CALLER_NAME, out);
        Netobj.encode(lock.handle(), out);
        Netobj.encode(lock.owner(), out);
        out.writeInt(lock.svid()).writeLong(lock.offset()).writeLong(lock.length());
    }
}
