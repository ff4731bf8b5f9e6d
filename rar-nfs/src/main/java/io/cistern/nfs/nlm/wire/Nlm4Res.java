package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * nlm4_res (RFC 1813 appendix II): the result of LOCK, CANCEL, UNLOCK, GRANTED and NM_LOCK, and the argument of
 * their _RES calls. The cookie is all that ties a _RES to its request, so it is echoed exactly.
 */
public record Nlm4Res(byte[] cookie, NlmStatus status) {

    public static Nlm4Res decode(XdrReader in) throws XdrException {
        byte[] cookie = Netobj.decode(in);
        return new Nlm4Res(cookie, Nlm4Stats.decode(in));
    }

    public void encode(XdrWriter out) {
        Netobj.encode(cookie, out);
        Nlm4Stats.encode(status, out);
    }
}
