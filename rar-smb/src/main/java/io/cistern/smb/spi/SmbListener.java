package io.cistern.smb.spi;

/**
 * Message listener interface of the SMB resource adapter. The application's MDB implements it; the
 * adapter calls it from its request workers, one JTA transaction per call.
 */
public interface SmbListener {

    /** What the server says about itself in a NEGOTIATE response. */
    SmbServerIdentity serverIdentity(SmbCaller caller);

    /** The adapter reports a change of its listener (bound, stopped) so the application can show it. */
    void adapterEvent(SmbAdapterEvent event);
}
