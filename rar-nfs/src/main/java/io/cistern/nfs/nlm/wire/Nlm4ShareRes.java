package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * nlm4_shareres (RFC 1813 appendix II): cookie, status, sequence. XNFS leaves sequence unused; servers send 0.
 */
public record Nlm4ShareRes(byte[] cookie, NlmStatus status, int sequence) {

    public static Nlm4ShareRes decode(XdrReader in) throws XdrException {
        byte[] cookie = Netobj.decode(in);
        NlmStatus status = Nlm4Stats.decode(in);
        return new Nlm4ShareRes(cookie, status, in.readInt());
    }

    public void encode(XdrWriter out) {
        Netobj.encode(cookie, out);
        Nlm4Stats.encode(status, out);
        out.writeInt(sequence);
    }
}
