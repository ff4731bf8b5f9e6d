package io.cistern.nfs.xdr;

/** Decodes one XDR structure into its value type. */
@FunctionalInterface
public interface XdrDecoder<T> {
    T decode(XdrReader reader) throws XdrException;

    /** For procedures with void arguments. Trailing bytes are ignored, as other servers do. */
    XdrDecoder<Void> VOID = reader -> null;
}
