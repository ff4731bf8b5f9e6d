package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsFsInfoReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * FSINFO3res (RFC 1813 section 3.3.19): post_op_attr in both arms; on success the seven transfer sizes, maxfilesize,
 * time_delta (nfstime3) and the FSF3_* properties. A failure decodes with zero sizes, as it carries none.
 */
public final class Fsinfo3Res {
    private Fsinfo3Res() {
    }

    public static void encode(FsinfoResult result, XdrWriter out) {
        NfsFsInfoReply reply = result.reply();
        out.writeInt(reply.status().code());
        Fattr3.encodeOptional(reply.attributes(), out);
        if (reply.status() == NfsStatus.OK) {
            out.writeInt(result.rtmax()).writeInt(result.rtpref()).writeInt(result.rtmult())
                    .writeInt(result.wtmax()).writeInt(result.wtpref()).writeInt(result.wtmult())
                    .writeInt(result.dtpref()).writeLong(reply.maxFileSize());
            Fattr3.writeTime(reply.timeDeltaNanos(), out);
            out.writeInt(reply.properties());
        }
    }

    public static FsinfoResult decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        NfsAttributes attributes = Fattr3.decodeOptional(in);
        if (status != NfsStatus.OK) {
            return new FsinfoResult(new NfsFsInfoReply(status, attributes, 0, 0, 0), 0, 0, 0, 0, 0, 0, 0);
        }
        int rtmax = in.readInt();
        int rtpref = in.readInt();
        int rtmult = in.readInt();
        int wtmax = in.readInt();
        int wtpref = in.readInt();
        int wtmult = in.readInt();
        int dtpref = in.readInt();
        long maxFileSize = in.readLong();
        long timeDelta = Fattr3.readTime(in);
        NfsFsInfoReply reply = new NfsFsInfoReply(status, attributes, maxFileSize, timeDelta, in.readInt());
        return new FsinfoResult(reply, rtmax, rtpref, rtmult, wtmax, wtpref, wtmult, dtpref);
    }
}
