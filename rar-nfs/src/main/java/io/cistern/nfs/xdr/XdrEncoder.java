package io.cistern.nfs.xdr;

/** Encodes one value type as its XDR structure. */
@FunctionalInterface
public interface XdrEncoder<T> {
    void encode(T value, XdrWriter writer);

    /** For procedures with void results. */
    XdrEncoder<Void> VOID = (value, writer) -> { };
}
