package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmHolder;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * nlm4_testres (RFC 1813 appendix II): cookie and the nlm4_testrply union, which carries the conflicting holder
 * exactly when the status is DENIED. A DENIED without a holder cannot be encoded: the client would report a
 * conflict with nobody, so the application's mistake becomes a SYSTEM_ERR instead.
 */
public record Nlm4TestRes(byte[] cookie, NlmTestReply reply) {

    public static Nlm4TestRes decode(XdrReader in) throws XdrException {
        byte[] cookie = Netobj.decode(in);
        NlmStatus status = Nlm4Stats.decode(in);
        NlmHolder holder = status == NlmStatus.DENIED ? Nlm4Holder.decode(in) : null;
        return new Nlm4TestRes(cookie, new NlmTestReply(status, holder));
    }

    public void encode(XdrWriter out) {
        Netobj.encode(cookie, out);
        Nlm4Stats.encode(reply.status(), out);
        if (reply.status() == NlmStatus.DENIED) {
            if (reply.holder() == null) {
                throw new IllegalArgumentException("a DENIED test result needs the conflicting holder");
            }
            Nlm4Holder.encode(reply.holder(), out);
        }
    }
}
