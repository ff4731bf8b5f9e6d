package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * READ3args (RFC 1813 section 3.3.6). {@code count} is the client's unsigned 32-bit wish, kept as sent: the
 * handler, not the codec, decides how much of it the adapter serves.
 */
public record Read3Args(byte[] file, long offset, long count) {

    public static Read3Args decode(XdrReader in) throws XdrException {
        return new Read3Args(FileHandle3.decode(in), in.readLong(), in.readUnsignedInt());
    }

    public void encode(XdrWriter out) {
        FileHandle3.encode(file, out);
        out.writeLong(offset).writeUnsignedInt(count);
    }
}
