package io.cistern.nfs.rpc;

/**
 * Decoded arguments that hold part of the call's record instead of a copy of it (a WRITE's data): the
 * {@link RpcCallHandler} releases them once the procedure has run, or once it is clear the procedure will not run.
 */
public interface HeldArguments {
    /** Gives back what the arguments hold; called exactly once. */
    void release();
}
