package io.cistern.nfs.rpc;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * The header of an RPC call message: {@code rpc_msg} with {@code call_body}, RFC 5531 section 9.
 * The message type has already been read as CALL when {@link #decodeBody} runs.
 *
 * @param xid        transaction id, echoed in the reply
 * @param rpcVersion must be 2
 * @param program    program number
 * @param version    program version
 * @param procedure  procedure number
 * @param credential the caller's credential
 * @param verifier   the caller's verifier
 */
public record RpcCallHeader(int xid, int rpcVersion, int program, int version, int procedure,
                            OpaqueAuth credential, OpaqueAuth verifier) {
    public static final int MSG_CALL = 0;
    public static final int MSG_REPLY = 1;
    public static final int RPC_VERSION = 2;

    /** Reads the call body after {@code xid} and {@code msg_type}. */
    public static RpcCallHeader decodeBody(int xid, XdrReader in) throws XdrException {
        int rpcVersion = in.readInt();
        int program = in.readInt();
        int version = in.readInt();
        int procedure = in.readInt();
        OpaqueAuth credential = OpaqueAuth.decode(in);
        OpaqueAuth verifier = OpaqueAuth.decode(in);
        return new RpcCallHeader(xid, rpcVersion, program, version, procedure, credential, verifier);
    }

    public void encode(XdrWriter out) {
        out.writeInt(xid).writeInt(MSG_CALL).writeInt(rpcVersion).writeInt(program).writeInt(version).writeInt(procedure);
        credential.encode(out);
        verifier.encode(out);
    }
}
