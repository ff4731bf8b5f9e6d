package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * SETATTR3args (RFC 1813 section 3.3.2). The sattrguard3 lets a client make the change conditional on the object's
 * ctime, so it cannot overwrite a change it has not seen; {@code guardCtimeNanos} is null when the client sent no
 * guard.
 */
public record Setattr3Args(byte[] object, NfsSetAttributes newAttributes, Long guardCtimeNanos) {

    public static Setattr3Args decode(XdrReader in) throws XdrException {
        byte[] object = FileHandle3.decode(in);
        NfsSetAttributes newAttributes = Sattr3.decode(in);
        Long guard = in.readBoolean() ? Fattr3.readTime(in) : null;
        return new Setattr3Args(object, newAttributes, guard);
    }

    public void encode(XdrWriter out) {
        FileHandle3.encode(object, out);
        Sattr3.encode(newAttributes, out);
        out.writeBoolean(guardCtimeNanos != null);
        if (guardCtimeNanos != null) {
            Fattr3.writeTime(guardCtimeNanos, out);
        }
    }
}
