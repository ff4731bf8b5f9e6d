package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** nlm4_unlockargs (RFC 1813 appendix II): the arguments of UNLOCK and UNLOCK_MSG. */
public record Nlm4UnlockArgs(byte[] cookie, NlmLock lock) {

    public static Nlm4UnlockArgs decode(XdrReader in) throws XdrException {
        byte[] cookie = Netobj.decode(in);
        return new Nlm4UnlockArgs(cookie, Nlm4Lock.decode(in));
    }

    public void encode(XdrWriter out) {
        Netobj.encode(cookie, out);
        Nlm4Lock.encode(lock, out);
    }
}
