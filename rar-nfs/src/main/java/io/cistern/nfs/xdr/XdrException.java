package io.cistern.nfs.xdr;

/** The bytes do not hold the XDR structure the reader was asked for (RFC 4506). */
public class XdrException extends Exception {
    private static final long serialVersionUID = 1L;

    public XdrException(String message) {
        super(message);
    }
}
