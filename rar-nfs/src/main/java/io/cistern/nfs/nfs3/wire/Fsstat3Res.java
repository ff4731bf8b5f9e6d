package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsFsStatReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** FSSTAT3res (RFC 1813 section 3.3.18): post_op_attr in both arms; on success six size3 counts and invarsec. */
public final class Fsstat3Res {
    private Fsstat3Res() {
    }

    public static void encode(NfsFsStatReply reply, XdrWriter out) {
        out.writeInt(reply.status().code());
        Fattr3.encodeOptional(reply.attributes(), out);
        if (reply.status() == NfsStatus.OK) {
            out.writeLong(reply.totalBytes()).writeLong(reply.freeBytes()).writeLong(reply.availableBytes())
                    .writeLong(reply.totalFiles()).writeLong(reply.freeFiles()).writeLong(reply.availableFiles())
                    .writeInt(reply.invarsec());
        }
    }

    public static NfsFsStatReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        NfsAttributes attributes = Fattr3.decodeOptional(in);
        if (status != NfsStatus.OK) {
            return new NfsFsStatReply(status, attributes, 0, 0, 0, 0, 0, 0, 0);
        }
        return new NfsFsStatReply(status, attributes, in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readInt());
    }
}
