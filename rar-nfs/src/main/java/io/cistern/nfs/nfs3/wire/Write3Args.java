package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.nfs3.Nfs3Limits;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * WRITE3args (RFC 1813 section 3.3.7). The wire carries the byte count twice (count3 and the opaque's length); a
 * request where they differ, with a stable_how that does not exist, or with more than
 * {@link Nfs3Limits#MAX_TRANSFER} bytes is refused as garbage rather than guessed at, since writing the wrong bytes
 * is worse than writing none. The count is therefore not a component: it is always {@code data.length}.
 */
public record Write3Args(byte[] file, long offset, int stable, byte[] data) {
    public static final int UNSTABLE = 0;
    public static final int DATA_SYNC = 1;
    public static final int FILE_SYNC = 2;

    public static Write3Args decode(XdrReader in) throws XdrException {
        byte[] file = FileHandle3.decode(in);
        long offset = in.readLong();
        long count = in.readUnsignedInt();
        int stable = in.readInt();
        if (stable < UNSTABLE || stable > FILE_SYNC) {
            throw new XdrException("no stable_how " + stable);
        }
        byte[] data = in.readOpaque(Nfs3Limits.MAX_TRANSFER);
        if (count != data.length) {
            throw new XdrException("WRITE count " + count + " but " + data.length + " bytes of data");
        }
        return new Write3Args(file, offset, stable, data);
    }

    public void encode(XdrWriter out) {
        FileHandle3.encode(file, out);
        out.writeLong(offset).writeInt(data.length).writeInt(stable).writeOpaque(data);
    }
}
