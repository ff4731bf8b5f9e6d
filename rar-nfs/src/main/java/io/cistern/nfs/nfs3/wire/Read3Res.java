package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.nfs3.Nfs3Limits;
import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsReadReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import java.nio.ByteBuffer;

/**
 * READ3res (RFC 1813 section 3.3.6): the file's post_op_attr in both arms; on success the count, eof and the data.
 * The count repeats the data's length on the wire, so it is written from the data and checked when read back.
 */
public final class Read3Res {
    private Read3Res() {
    }

    /** Encodes the reply and hands its data's release to {@code out}, which runs it once the data is sent. */
    public static void encode(NfsReadReply reply, XdrWriter out) {
        boolean handedOver = false;
        try {
            out.writeInt(reply.status().code());
            Fattr3.encodeOptional(reply.attributes(), out);
            if (reply.status() == NfsStatus.OK) {
                ByteBuffer data = reply.data();
                out.writeInt(data.remaining()).writeBoolean(reply.eof());
                handedOver = true;
                out.writeOpaque(data, reply.release());
            }
        } finally {
            if (!handedOver) {
                reply.release().run();
            }
        }
    }

    public static NfsReadReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        NfsAttributes attributes = Fattr3.decodeOptional(in);
        if (status != NfsStatus.OK) {
            return NfsReadReply.failure(status, attributes);
        }
        long count = in.readUnsignedInt();
        boolean eof = in.readBoolean();
        byte[] data = in.readOpaque(Nfs3Limits.MAX_TRANSFER);
        if (count != data.length) {
            throw new XdrException("READ count " + count + " but " + data.length + " bytes of data");
        }
        return new NfsReadReply(status, attributes, ByteBuffer.wrap(data), eof);
    }
}
