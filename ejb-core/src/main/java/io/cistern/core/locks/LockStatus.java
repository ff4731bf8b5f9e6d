package io.cistern.core.locks;

/** The outcome of a lock manager operation, in the protocols' common terms; each adapter maps it to its codes. */
public enum LockStatus {
    /** Done: the lock is held, the waiter withdrawn, the range released, the reservation made. */
    GRANTED,
    /** Another owner holds a conflicting lock or reservation (for a cancel: nothing was waiting). */
    DENIED,
    /** Queued: the waiter's callback runs once the lock has been taken for it. */
    BLOCKED,
    /** Waiting would close a cycle of owners waiting for each other. */
    DEADLOCK,
    /** The server has just started and only takes reclaims of locks held before. */
    GRACE_PERIOD
}
