package io.cistern.nfs.rpc;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * An RPC credential or verifier: {@code opaque_auth} of RFC 5531 section 8.2.
 *
 * @param flavor the authentication flavor
 * @param body   at most 400 bytes
 */
public record OpaqueAuth(int flavor, byte[] body) {
    public static final int AUTH_NONE = 0;
    public static final int AUTH_SYS = 1;
    public static final int MAX_BODY = 400;
    public static final OpaqueAuth NONE = new OpaqueAuth(AUTH_NONE, new byte[0]);

    public static OpaqueAuth decode(XdrReader in) throws XdrException {
        int flavor = in.readInt();
        return new OpaqueAuth(flavor, in.readOpaque(MAX_BODY));
    }

    public void encode(XdrWriter out) {
        out.writeInt(flavor).writeOpaque(body);
    }
}
