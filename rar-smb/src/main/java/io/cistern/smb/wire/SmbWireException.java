package io.cistern.smb.wire;

/** The bytes do not hold the SMB structure the decoder was asked for: truncated, out of bounds or inconsistent. */
public class SmbWireException extends Exception {
    private static final long serialVersionUID = 1L;

    public SmbWireException(String message) {
        super(message);
    }
}
