package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsTimeSet;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/** sattr3 (RFC 1813 section 2.6), the codec for {@link NfsSetAttributes}: each field a discriminated union. */
public final class Sattr3 {
    private Sattr3() {
    }

    public static NfsSetAttributes decode(XdrReader in) throws XdrException {
        Integer mode = in.readBoolean() ? in.readInt() : null;
        Integer uid = in.readBoolean() ? in.readInt() : null;
        Integer gid = in.readBoolean() ? in.readInt() : null;
        Long size = in.readBoolean() ? in.readLong() : null;
        return new NfsSetAttributes(mode, uid, gid, size, readTimeSet(in), readTimeSet(in));
    }

    public static void encode(NfsSetAttributes a, XdrWriter out) {
        writeOptionalInt(a.mode(), out);
        writeOptionalInt(a.uid(), out);
        writeOptionalInt(a.gid(), out);
        out.writeBoolean(a.size() != null);
        if (a.size() != null) {
            out.writeLong(a.size());
        }
        writeTimeSet(a.atime(), out);
        writeTimeSet(a.mtime(), out);
    }

    private static NfsTimeSet readTimeSet(XdrReader in) throws XdrException {
        int how = in.readInt();
        return switch (how) {
            case 0 -> NfsTimeSet.DONT_CHANGE;
            case 1 -> NfsTimeSet.SERVER_TIME;
            case 2 -> NfsTimeSet.client(Fattr3.readTime(in));
            default -> throw new XdrException("no time_how " + how);
        };
    }

    private static void writeTimeSet(NfsTimeSet time, XdrWriter out) {
        out.writeInt(time.how().ordinal());
        if (time.how() == NfsTimeSet.How.CLIENT_TIME) {
            Fattr3.writeTime(time.nanos(), out);
        }
    }

    private static void writeOptionalInt(Integer value, XdrWriter out) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }
}
