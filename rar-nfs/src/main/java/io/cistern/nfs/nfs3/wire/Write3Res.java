package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.spi.NfsWriteReply;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * WRITE3res (RFC 1813 section 3.3.7): file_wcc in both arms, since a failed write may have written part; on
 * success the count, the stable_how achieved and the writeverf3 (8 bytes, big-endian) by which a client notices a
 * server restart that lost its unstable writes.
 */
public final class Write3Res {
    private Write3Res() {
    }

    public static void encode(NfsWriteReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        WccData.encode(reply.wcc(), out);
        if (reply.status() == NfsStatus.OK) {
            out.writeInt(reply.count()).writeInt(reply.committed()).writeLong(reply.verifier());
        }
    }

    public static NfsWriteReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        NfsWcc wcc = WccData.decode(in);
        if (status != NfsStatus.OK) {
            return new NfsWriteReply(status, wcc, 0, 0, 0);
        }
        return new NfsWriteReply(status, wcc, in.readInt(), in.readInt(), in.readLong());
    }
}
