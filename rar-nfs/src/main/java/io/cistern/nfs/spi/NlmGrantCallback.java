package io.cistern.nfs.spi;

/**
 * How the application tells the adapter that a lock it answered BLOCKED has since been granted (its holder
 * unlocked): the adapter then sends NLM_GRANTED to the client. Called from any thread, at most once. If the
 * client cannot be told, the adapter unlocks the range again so that it is not held by nobody.
 */
@FunctionalInterface
public interface NlmGrantCallback {
    void granted(NlmLock lock, boolean exclusive);
}
