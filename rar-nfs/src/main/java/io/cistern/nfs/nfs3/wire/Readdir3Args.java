package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * READDIR3args (RFC 1813 section 3.3.16). The cookieverf3 (8 bytes, big-endian) lets the application tell a cookie
 * from an older listing; {@code count} bounds the whole READDIR3resok in bytes and is unsigned 32-bit.
 */
public record Readdir3Args(byte[] directory, long cookie, long cookieVerifier, long count) {

    public static Readdir3Args decode(XdrReader in) throws XdrException {
        return new Readdir3Args(FileHandle3.decode(in), in.readLong(), in.readLong(), in.readUnsignedInt());
    }

    public void encode(XdrWriter out) {
        FileHandle3.encode(directory, out);
        out.writeLong(cookie).writeLong(cookieVerifier).writeUnsignedInt(count);
    }
}
