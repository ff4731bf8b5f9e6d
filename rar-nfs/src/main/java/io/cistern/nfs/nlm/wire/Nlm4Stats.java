package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * nlm4_stats (RFC 1813 appendix II): version 4 added ROFS to FAILED to the five codes of versions 1 to 3. A code
 * outside the enum is garbage, not FAILED: the status decides whether a lock is held, and guessing is worse.
 */
public final class Nlm4Stats {
    private static final NlmStatus[] BY_CODE = NlmStatus.values();

    private Nlm4Stats() {
    }

    public static NlmStatus decode(XdrReader in) throws XdrException {
        int code = in.readInt();
        for (NlmStatus status : BY_CODE) {
            if (status.code() == code) {
                return status;
            }
        }
        throw new XdrException("no nlm4_stats " + code);
    }

    public static void encode(NlmStatus status, XdrWriter out) {
        out.writeInt(status.code());
    }
}
