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

    /**
     * The share a TREE_CONNECT names, for {@code account} (the {@link SmbAccount#username} of an authenticated
     * session) to use; empty when there is no such share or the account may not use it, which the client learns as
     * STATUS_BAD_NETWORK_NAME either way. {@code shareName} is the last part of the client's {@code \\server\share}
     * path as sent (the server part plays no role); shares match by name case-insensitively. The protocol's own
     * IPC$ never reaches the application.
     */
    java.util.Optional<SmbShare> shareForTree(SmbCaller caller, String account, String shareName);
}
