package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * MKNOD3args (RFC 1813 section 3.3.11) with its mknoddata3 union, switched on ftype3: CHR and BLK carry devicedata3
 * (attributes and specdata3), SOCK and FIFO carry attributes, REG, DIR and LNK carry nothing. Those last three
 * decode (the union allows them) with {@link NfsSetAttributes#NONE}, so the procedure can answer BADTYPE instead of
 * the RPC layer answering GARBAGE_ARGS; a number that is no ftype3 at all is garbage.
 *
 * @param rdev the device's major number in the upper 32 bits and minor in the lower, 0 when not a device
 */
public record Mknod3Args(DirOpArgs3 where, NfsFileType type, NfsSetAttributes attributes, long rdev) {

    public static Mknod3Args decode(XdrReader in) throws XdrException {
        DirOpArgs3 where = DirOpArgs3.decode(in);
        int code = in.readInt();
        NfsFileType type = NfsFileType.ofCode(code);
        if (type == null) {
            throw new XdrException("no ftype3 " + code);
        }
        return switch (type) {
            case CHR, BLK -> {
                NfsSetAttributes attributes = Sattr3.decode(in);
                long major = in.readUnsignedInt();
                long minor = in.readUnsignedInt();
                yield new Mknod3Args(where, type, attributes, major << 32 | minor);
            }
            case SOCK, FIFO -> new Mknod3Args(where, type, Sattr3.decode(in), 0);
            case REG, DIR, LNK -> new Mknod3Args(where, type, NfsSetAttributes.NONE, 0);
        };
    }

    public void encode(XdrWriter out) {
        where.encode(out);
        out.writeInt(type.code());
        switch (type) {
            case CHR, BLK -> {
                Sattr3.encode(attributes, out);
                out.writeInt((int) (rdev >>> 32)).writeInt((int) rdev);
            }
            case SOCK, FIFO -> Sattr3.encode(attributes, out);
            case REG, DIR, LNK -> { }
        }
    }
}
