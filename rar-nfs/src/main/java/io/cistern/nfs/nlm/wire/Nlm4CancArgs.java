package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * nlm4_cancargs (RFC 1813 appendix II): the arguments of CANCEL and CANCEL_MSG. {@code block} repeats the LOCK
 * being withdrawn; the lock manager identifies that request by owner and range, so it is not passed on.
 */
public record Nlm4CancArgs(byte[] cookie, boolean block, boolean exclusive, NlmLock lock) {

    public static Nlm4CancArgs decode(XdrReader in) throws XdrException {
        byte[] cookie = Netobj.decode(in);
        boolean block = in.readBoolean();
        boolean exclusive = in.readBoolean();
        return new Nlm4CancArgs(cookie, block, exclusive, Nlm4Lock.decode(in));
    }

    public void encode(XdrWriter out) {
        Netobj.encode(cookie, out);
        out.writeBoolean(block).writeBoolean(exclusive);
        Nlm4Lock.encode(lock, out);
    }
}
