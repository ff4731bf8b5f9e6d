package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * diropargs3 (RFC 1813 section 2.6): a directory handle and a name (filename3, bytes). Names longer than
 * {@value #MAX_NAME} bytes are let through to the application, which answers NAMETOOLONG; longer than
 * {@value #MAX_WIRE_NAME} is garbage.
 */
public record DirOpArgs3(byte[] directory, byte[] name) {
    public static final int MAX_NAME = 255;
    static final int MAX_WIRE_NAME = 4096;

    public static DirOpArgs3 decode(XdrReader in) throws XdrException {
        return new DirOpArgs3(FileHandle3.decode(in), in.readOpaque(MAX_WIRE_NAME));
    }

    public void encode(XdrWriter out) {
        FileHandle3.encode(directory, out);
        out.writeOpaque(name);
    }
}
