package io.cistern.nfs.spi;

/**
 * wcc_data (RFC 1813 section 2.6): an object before and after an operation, so that a client can tell whether
 * only its own operation changed it. Either part may be null (not known).
 */
public record NfsWcc(NfsWccBefore before, NfsAttributes after) {
    /** Nothing known: what an error reply carries when the object could not be looked at. */
    public static final NfsWcc NONE = new NfsWcc(null, null);
}
