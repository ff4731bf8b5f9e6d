package io.cistern.nfs.spi;

/**
 * Message listener interface of the NFS resource adapter. The application's MDB implements it; the
 * adapter calls it from its request workers, one JTA transaction per call.
 */
public interface NfsListener {

    /**
     * The NULL procedure of every program the adapter serves (NFS, MOUNT): proves that a request
     * reaches the application. Throwing makes the adapter answer SYSTEM_ERR.
     */
    void ping(NfsCaller caller);

    /** The adapter reports a change of its listener (bound, stopped) so the application can show it. */
    void adapterEvent(NfsAdapterEvent event);
}
