package io.cistern.core.audit;

/** What reading a stored block back found. */
public enum StoredBlockCheck {
    /** Its content hashes to its address. */
    INTACT,
    /** Its content does not hash to its address, or the file is not a whole block. */
    CORRUPT,
    /** It was deleted between the listing and the read: not a finding of this walk. */
    GONE
}
