package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * fattr3 (RFC 1813 section 2.5) and post_op_attr (section 2.6), the codec for {@link NfsAttributes}. Times are
 * nfstime3 (seconds and nanoseconds, both unsigned 32-bit); rdev is specdata3 (major, minor).
 */
public final class Fattr3 {
    private static final long NANOS = 1_000_000_000L;

    private Fattr3() {
    }

    public static void encode(NfsAttributes a, XdrWriter out) {
        out.writeInt(a.type().code());
        out.writeInt(a.mode() & 07777);
        out.writeInt(a.nlink());
        out.writeInt(a.uid());
        out.writeInt(a.gid());
        out.writeLong(a.size());
        out.writeLong(a.used());
        out.writeInt((int) (a.rdev() >>> 32));
        out.writeInt((int) a.rdev());
        out.writeLong(a.fsid());
        out.writeLong(a.fileId());
        writeTime(a.atimeNanos(), out);
        writeTime(a.mtimeNanos(), out);
        writeTime(a.ctimeNanos(), out);
    }

    public static NfsAttributes decode(XdrReader in) throws XdrException {
        int typeCode = in.readInt();
        NfsFileType type = NfsFileType.ofCode(typeCode);
        if (type == null) {
            throw new XdrException("no ftype3 " + typeCode);
        }
        int mode = in.readInt();
        int nlink = in.readInt();
        int uid = in.readInt();
        int gid = in.readInt();
        long size = in.readLong();
        long used = in.readLong();
        long rdev = (in.readUnsignedInt() << 32) | in.readUnsignedInt();
        long fsid = in.readLong();
        long fileId = in.readLong();
        return new NfsAttributes(type, mode, nlink, uid, gid, size, used, rdev, fsid, fileId, readTime(in),
                readTime(in), readTime(in));
    }

    /** post_op_attr: a boolean, then the attributes when known. */
    public static void encodeOptional(NfsAttributes attributes, XdrWriter out) {
        out.writeBoolean(attributes != null);
        if (attributes != null) {
            encode(attributes, out);
        }
    }

    public static NfsAttributes decodeOptional(XdrReader in) throws XdrException {
        return in.readBoolean() ? decode(in) : null;
    }

    /** nfstime3; a time before 1970 or past 2106 is clamped, since the seconds are unsigned 32-bit. */
    public static void writeTime(long nanos, XdrWriter out) {
        long seconds = Math.floorDiv(nanos, NANOS);
        long rest = Math.floorMod(nanos, NANOS);
        if (seconds < 0) {
            seconds = 0;
            rest = 0;
        } else if (seconds > 0xFFFF_FFFFL) {
            seconds = 0xFFFF_FFFFL;
            rest = NANOS - 1;
        }
        out.writeUnsignedInt(seconds);
        out.writeUnsignedInt(rest);
    }

    public static long readTime(XdrReader in) throws XdrException {
        long seconds = in.readUnsignedInt();
        long nanos = in.readUnsignedInt();
        if (nanos >= NANOS) {
            throw new XdrException("nfstime3 nanoseconds out of range: " + nanos);
        }
        return seconds * NANOS + nanos;
    }
}
