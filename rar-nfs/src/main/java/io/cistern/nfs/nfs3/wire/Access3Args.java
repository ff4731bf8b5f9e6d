package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * ACCESS3args (RFC 1813 section 3.3.4): the ACCESS3_* bits the client wants checked, so it can ask the server's
 * opinion instead of guessing from mode bits that ACLs or id mapping may override.
 */
public record Access3Args(byte[] object, int access) {
    public static final int ACCESS3_READ = 0x0001;
    public static final int ACCESS3_LOOKUP = 0x0002;
    public static final int ACCESS3_MODIFY = 0x0004;
    public static final int ACCESS3_EXTEND = 0x0008;
    public static final int ACCESS3_DELETE = 0x0010;
    public static final int ACCESS3_EXECUTE = 0x0020;

    public static Access3Args decode(XdrReader in) throws XdrException {
        return new Access3Args(FileHandle3.decode(in), in.readInt());
    }

    public void encode(XdrWriter out) {
        FileHandle3.encode(object, out);
        out.writeInt(access);
    }
}
