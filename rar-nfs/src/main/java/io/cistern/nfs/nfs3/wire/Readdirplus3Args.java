package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * READDIRPLUS3args (RFC 1813 section 3.3.17). Two bounds, both unsigned 32-bit: {@code dircount} for the entries'
 * file ids, names and cookies alone (how much directory the client wants to see), {@code maxcount} for the whole
 * READDIRPLUS3resok with attributes and handles (how much it can receive).
 */
public record Readdirplus3Args(byte[] directory, long cookie, long cookieVerifier, long dircount, long maxcount) {

    public static Readdirplus3Args decode(XdrReader in) throws XdrException {
        return new Readdirplus3Args(FileHandle3.decode(in), in.readLong(), in.readLong(), in.readUnsignedInt(),
                in.readUnsignedInt());
    }

    public void encode(XdrWriter out) {
        FileHandle3.encode(directory, out);
        out.writeLong(cookie).writeLong(cookieVerifier).writeUnsignedInt(dircount).writeUnsignedInt(maxcount);
    }
}
