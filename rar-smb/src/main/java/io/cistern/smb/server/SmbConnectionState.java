package io.cistern.smb.server;

import io.cistern.smb.wire.Smb2Dialect;

/**
 * What the server knows about one connection ([MS-SMB2] 3.3.1.7, the parts in use so far). Touched only
 * on the connection's event loop, so it needs no locking; request workers never see it.
 */
final class SmbConnectionState {
    /** Connection.NegotiateDialect: {@link Smb2Dialect#NONE}, the wildcard 0x02FF, or the dialect in use. */
    private int negotiateDialect = Smb2Dialect.NONE;
    /** Connection.ClientSecurityMode: the SecurityMode of the client's SMB2 NEGOTIATE (0 after SMB1's). */
    private int clientSecurityMode;
    /** RequireMessageSigning as the NEGOTIATE response announced it. */
    private boolean serverRequiresSigning;
    private final SessionTable sessions;

    /** @param closeOpen closes an open whose session goes away with nobody to answer */
    SmbConnectionState(java.util.function.Consumer<SmbOpen> closeOpen) {
        sessions = new SessionTable(closeOpen);
    }

    int negotiateDialect() {
        return negotiateDialect;
    }

    /** Whether nothing but a NEGOTIATE may come next ([MS-SMB2] 3.3.5.2.2): before negotiation or after 0x02FF. */
    boolean awaitsNegotiate() {
        return negotiateDialect == Smb2Dialect.NONE || negotiateDialect == Smb2Dialect.SMB_2_WILDCARD;
    }

    /** Whether a dialect is in force, after which another NEGOTIATE ends the connection ([MS-SMB2] 3.3.5.4). */
    boolean hasDialect() {
        return !awaitsNegotiate();
    }

    void negotiated(int dialect) {
        negotiateDialect = dialect;
    }

    int clientSecurityMode() {
        return clientSecurityMode;
    }

    void clientSecurityMode(int securityMode) {
        clientSecurityMode = securityMode;
    }

    boolean serverRequiresSigning() {
        return serverRequiresSigning;
    }

    /** Recorded on the event loop before the NEGOTIATE response that announces it is written. */
    void serverRequiresSigning(boolean required) {
        serverRequiresSigning = required;
    }

    SessionTable sessions() {
        return sessions;
    }
}
