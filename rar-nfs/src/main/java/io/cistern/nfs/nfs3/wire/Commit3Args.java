package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * COMMIT3args (RFC 1813 section 3.3.21): the range whose unstable writes must become durable; a {@code count} of 0
 * means to the end of the file. The count is unsigned 32-bit, kept as sent.
 */
public record Commit3Args(byte[] file, long offset, long count) {

    public static Commit3Args decode(XdrReader in) throws XdrException {
        return new Commit3Args(FileHandle3.decode(in), in.readLong(), in.readUnsignedInt());
    }

    public void encode(XdrWriter out) {
        FileHandle3.encode(file, out);
        out.writeLong(offset).writeUnsignedInt(count);
    }
}
