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

    /**
     * The local account a client names in an NTLM AUTHENTICATE message, for the adapter to verify the client's
     * response against; empty when there is no such user or it has no NT hash (it never set a password since NT
     * hashes were kept). {@code domain} is what the client sent (often the server's name, a workgroup or empty);
     * local accounts match by user name alone, case-insensitively.
     */
    java.util.Optional<SmbAccount> accountForLogon(SmbCaller caller, String user, String domain);
}
