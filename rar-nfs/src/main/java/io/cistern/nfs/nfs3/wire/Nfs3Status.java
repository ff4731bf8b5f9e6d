package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;

/** nfsstat3 (RFC 1813 section 2.6) on the wire. */
public final class Nfs3Status {
    private Nfs3Status() {
    }

    public static NfsStatus decode(XdrReader in) throws XdrException {
        int code = in.readInt();
        for (NfsStatus status : NfsStatus.values()) {
            if (status.code() == code) {
                return status;
            }
        }
        throw new XdrException("no nfsstat3 " + code);
    }
}
