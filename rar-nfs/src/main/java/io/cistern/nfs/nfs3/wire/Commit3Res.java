package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsCommitReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * COMMIT3res (RFC 1813 section 3.3.21): file_wcc in both arms; on success the writeverf3 (8 bytes, big-endian),
 * which the client compares with its writes' to learn whether it must send them again.
 */
public final class Commit3Res {
    private Commit3Res() {
    }

    public static void encode(NfsCommitReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        WccData.encode(reply.wcc(), out);
        if (reply.status() == NfsStatus.OK) {
            out.writeLong(reply.verifier());
        }
    }

    public static NfsCommitReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        NfsWcc wcc = WccData.decode(in);
        return new NfsCommitReply(status, wcc, status == NfsStatus.OK ? in.readLong() : 0);
    }
}
