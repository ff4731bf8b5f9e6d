package io.cistern.nfs.spi;

/** LOOKUP3res (RFC 1813 section 3.3.3): the handle and attributes of the name found, and the directory's
 * attributes (which a failure carries too, when known). */
public record NfsLookupReply(NfsStatus status, byte[] handle, NfsAttributes object, NfsAttributes directory) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsLookupReply failure(NfsStatus status) { return new NfsLookupReply(status, null, null, null); }
}
