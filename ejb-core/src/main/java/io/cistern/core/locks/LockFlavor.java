package io.cistern.core.locks;

/**
 * Which rules an owner's locks follow among themselves. Between two different owners the rules are the same whatever
 * their flavours (shared locks coexist, an exclusive one excludes the other owner on the bytes both cover), so that a
 * lock taken over NLM and one taken over SMB exclude each other as two NLM owners would.
 */
public enum LockFlavor {
    /**
     * fcntl as Linux lockd serves it (NLM): an owner's own locks never conflict; a new lock replaces what the owner
     * held in its range and merges with its locks of the same kind; an unlock releases whatever lies in its range.
     */
    POSIX,
    /**
     * Windows byte-range locks ([MS-FSA] 2.1.5.7 and 2.1.5.8, as Windows and Samba serve them over SMB2): locks of
     * one open stack (each is kept as asked, never merged); a shared lock may stack on the open's own exclusive
     * lock, but an exclusive lock conflicts with every lock it overlaps, the open's own included; an unlock must
     * name a held lock's exact offset and length and releases that one lock; ranges are unsigned 64-bit and may be
     * empty (zero length, [MS-FSA] 2.1.4.10). The locks are also mandatory for the owner's reads and writes.
     */
    WINDOWS
}
