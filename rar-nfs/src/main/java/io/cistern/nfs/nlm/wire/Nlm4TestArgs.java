package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * nlm4_testargs (RFC 1813 appendix II): the arguments of TEST and TEST_MSG, and also of GRANTED and GRANTED_MSG,
 * which is how the server hands a waiting client the lock it asked for.
 *
 * @param cookie    echoed in the reply; for GRANTED chosen by the server to match GRANTED_RES to its grant
 * @param exclusive a write lock rather than a read lock
 * @param lock      the range and its owner
 */
public record Nlm4TestArgs(byte[] cookie, boolean exclusive, NlmLock lock) {

    public static Nlm4TestArgs decode(XdrReader in) throws XdrException {
        byte[] cookie = Netobj.decode(in);
        boolean exclusive = in.readBoolean();
        return new Nlm4TestArgs(cookie, exclusive, Nlm4Lock.decode(in));
    }

    public void encode(XdrWriter out) {
        Netobj.encode(cookie, out);
        out.writeBoolean(exclusive);
        Nlm4Lock.encode(lock, out);
    }
}
