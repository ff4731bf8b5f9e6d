package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * CREATE3args (RFC 1813 section 3.3.8) with its createhow3 union. UNCHECKED and GUARDED carry the attributes to set;
 * EXCLUSIVE carries only a createverf3, which lets the server recognise a retransmitted create as its own, so its
 * attributes are {@link NfsSetAttributes#NONE} and the client sets them with a SETATTR afterwards.
 *
 * @param mode     createmode3: {@link #UNCHECKED}, {@link #GUARDED} or {@link #EXCLUSIVE}
 * @param verifier the createverf3 (8 bytes, big-endian) for EXCLUSIVE, 0 otherwise
 */
public record Create3Args(DirOpArgs3 where, int mode, NfsSetAttributes attributes, long verifier) {
    public static final int UNCHECKED = 0;
    public static final int GUARDED = 1;
    public static final int EXCLUSIVE = 2;

    public static Create3Args decode(XdrReader in) throws XdrException {
        DirOpArgs3 where = DirOpArgs3.decode(in);
        int mode = in.readInt();
        return switch (mode) {
            case UNCHECKED, GUARDED -> new Create3Args(where, mode, Sattr3.decode(in), 0);
            case EXCLUSIVE -> new Create3Args(where, mode, NfsSetAttributes.NONE, in.readLong());
            default -> throw new XdrException("no createmode3 " + mode);
        };
    }

    public void encode(XdrWriter out) {
        where.encode(out);
        out.writeInt(mode);
        if (mode == EXCLUSIVE) {
            out.writeLong(verifier);
        } else {
            Sattr3.encode(attributes, out);
        }
    }
}
