package io.cistern.nfs.mount.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * mountbody (RFC 1813 section 5.2.2), without its link: one client that mounted one path.
 *
 * @param hostname  the client, a name of at most {@value #MAX_NAME_BYTES} bytes
 * @param directory the path it mounted (dirpath)
 */
public record MountBody(String hostname, String directory) {
    /** MNTNAMLEN, the bound of every {@code name} in MOUNT. */
    public static final int MAX_NAME_BYTES = 255;

    public static MountBody decode(XdrReader in) throws XdrException {
        String hostname = in.readString(MAX_NAME_BYTES);
        return new MountBody(hostname, DirPath.decode(in));
    }

    public void encode(XdrWriter out) {
        out.writeOpaque(DirPath.bounded(hostname, MAX_NAME_BYTES, "name"));
        DirPath.encode(directory, out);
    }
}
