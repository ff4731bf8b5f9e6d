package io.cistern.smb.rpc;

/** A PDU or stub that does not hold what its type says: truncated, inconsistent, or of an unexpected kind. */
public class RpcProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public RpcProtocolException(String message) {
        super(message);
    }
}
