package io.cistern.core.locks;

/**
 * Whether a lock could be taken now.
 *
 * @param status GRANTED, DENIED (with {@code holder}) or GRACE_PERIOD
 * @param holder a lock that stands in the way; null unless DENIED
 */
public record LockTestResult(LockStatus status, RangeLock holder) {
}
