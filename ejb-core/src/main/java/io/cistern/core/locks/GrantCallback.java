package io.cistern.core.locks;

/**
 * Tells a waiting client that its lock has been taken for it. Runs outside the manager's lock, in the thread whose
 * release made the grant possible, so it may call the manager again. Throwing means the client could not be told:
 * the manager then releases the range again, since a lock nobody knows it holds would never be unlocked.
 */
@FunctionalInterface
public interface GrantCallback {
    void granted(RangeLock lock);
}
