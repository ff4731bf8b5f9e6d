package io.cistern.nfs.mount.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import java.nio.charset.StandardCharsets;

/**
 * dirpath (RFC 1813 section 5.1.1): a server path of at most {@value #MAX_BYTES} bytes. A longer one is not a
 * dirpath at all, so it fails decoding (GARBAGE_ARGS), as in rpcgen-built servers; the encoder refuses it too,
 * because a client would reject the whole reply.
 */
public final class DirPath {
    /** MNTPATHLEN. */
    public static final int MAX_BYTES = 1024;

    private DirPath() {
    }

    public static String decode(XdrReader in) throws XdrException {
        return in.readString(MAX_BYTES);
    }

    public static void encode(String path, XdrWriter out) {
        out.writeOpaque(bounded(path, MAX_BYTES, "dirpath"));
    }

    /** The UTF-8 bytes of {@code text}, which must fit in {@code max}: an oversized value is the server's bug. */
    static byte[] bounded(String text, int max, String what) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > max) {
            throw new IllegalArgumentException(what + " of " + bytes.length + " bytes exceeds " + max + ": " + text);
        }
        return bytes;
    }
}
