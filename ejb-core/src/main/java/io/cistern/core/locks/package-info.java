/**
 * Byte-range locks and share reservations, shared by the protocols. {@link io.cistern.core.locks.LockManager} is the
 * API and the grace-period policy; {@code LockTable} the thread-safe state, with deadlock detection and the delivery
 * of grants; {@code FileLocks} one file's locks with the POSIX merge and split rules for POSIX owners (NLM) and Windows'
 * stacking and exact unlocks for Windows owners (SMB opens), as {@link io.cistern.core.locks.LockFlavor} says. The
 * values are {@link io.cistern.core.locks.LockOwner}, {@link io.cistern.core.locks.ByteRange},
 * {@link io.cistern.core.locks.RangeLock} and {@link io.cistern.core.locks.ShareReservation}.
 * <p>
 * Where NLM leaves a choice open, Linux lockd (fs/lockd/svclock.c, svc4proc.c, svcshare.c) is followed, and each
 * place says so.
 */
package io.cistern.core.locks;
