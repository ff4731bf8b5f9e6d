package io.cistern.core.journal;

/**
 * The journal holds its capacity: try again once the upload job has released space. Not an I/O error: NFS answers
 * NFS3ERR_JUKEBOX, SMB re-asks before it answers (the application has waited a bounded time for space already).
 */
public class JournalFullException extends Exception {
    private final long neededBytes;
    private final long freeBytes;

    JournalFullException(long neededBytes, long freeBytes) {
        // no stack trace: this is flow control, thrown often under load, and always from the same place
        super("the journal is full: a record of " + neededBytes + " bytes does not fit in the " + freeBytes
                + " bytes left", null, false, false);
        this.neededBytes = neededBytes;
        this.freeBytes = freeBytes;
    }

    /** The size of the record that did not fit, header included. */
    public long neededBytes() {
        return neededBytes;
    }

    /** How much of the capacity was left. */
    public long freeBytes() {
        return freeBytes;
    }
}
