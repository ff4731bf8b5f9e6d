package io.cistern.core.locks;

/** A lock already taken for a waiter, whose client has yet to be told. */
record Grant(long file, RangeLock lock, GrantCallback callback) {
}
