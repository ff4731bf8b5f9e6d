package io.cistern.smb.server;

import io.cistern.smb.crypto.PreauthIntegrityHash;
import io.cistern.smb.crypto.Smb2Cipher;
import io.cistern.smb.crypto.Smb2SigningAlgorithm;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2Header;
import java.util.List;
import java.util.UUID;

/**
 * What the server knows about one connection ([MS-SMB2] 3.3.1.7, the parts in use so far). Touched only
 * on the connection's event loop, so it needs no locking; request workers never see it.
 */
final class SmbConnectionState {
    /** Connection.NegotiateDialect: {@link Smb2Dialect#NONE}, the wildcard 0x02FF, or the dialect in use. */
    private int negotiateDialect = Smb2Dialect.NONE;
    /** Connection.ClientSecurityMode: the SecurityMode of the client's SMB2 NEGOTIATE (0 after SMB1's). */
    private int clientSecurityMode;
    /** Connection.ClientCapabilities, ClientGuid and the offered dialects: what VALIDATE_NEGOTIATE_INFO checks. */
    private int clientCapabilities;
    private UUID clientGuid;
    private List<Integer> clientDialects = List.of();
    /** RequireMessageSigning as the NEGOTIATE response announced it. */
    private boolean serverRequiresSigning;
    /** EncryptData with RejectUnencryptedAccess, as the application said at NEGOTIATE. */
    private boolean serverRequiresEncryption;
    /** SecurityMode and Capabilities of the NEGOTIATE response, for VALIDATE_NEGOTIATE_INFO's answer. */
    private int serverSecurityMode;
    private int serverCapabilities;
    private UUID serverGuid;
    /** Connection.CipherId: null while the connection cannot encrypt. */
    private Smb2Cipher cipher;
    /** Connection.SigningAlgorithmId (3.1.1 only; null before it). */
    private Smb2SigningAlgorithm signingAlgorithm;
    /** Connection.PreauthIntegrityHashValue (3.1.1 only): NEGOTIATE request and response chained. */
    private PreauthIntegrityHash preauthHash;
    private final SessionTable sessions;
    private final AsyncRequests asyncRequests = new AsyncRequests();
    private final CreditWindow credits = new CreditWindow();
    /** The FileId of the last open a CREATE made: what a related request naming FileId all ones means. */
    private Smb2FileId lastCreated = Smb2FileId.ALL_ONES;

    /** @param closeOpen closes an open whose session goes away with nobody to answer */
    SmbConnectionState(java.util.function.Consumer<SmbOpen> closeOpen) {
        sessions = new SessionTable(closeOpen);
    }

    /** The MessageIds the client may use: the credits granted and not yet used ([MS-SMB2] 3.3.1.1). */
    CreditWindow credits() {
        return credits;
    }

    /** The requests that went asynchronous and wait for their final response. */
    AsyncRequests asyncRequests() {
        return asyncRequests;
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

    /** What the client's SMB2 NEGOTIATE said of itself. */
    void client(int capabilities, UUID guid, List<Integer> dialects) {
        clientCapabilities = capabilities;
        clientGuid = guid;
        clientDialects = List.copyOf(dialects);
    }

    int clientCapabilities() {
        return clientCapabilities;
    }

    UUID clientGuid() {
        return clientGuid;
    }

    List<Integer> clientDialects() {
        return clientDialects;
    }

    /** What the NEGOTIATE response announced; recorded as it is written. */
    void serverAnnounced(int securityMode, int capabilities, UUID guid) {
        serverSecurityMode = securityMode;
        serverCapabilities = capabilities;
        serverGuid = guid;
    }

    UUID serverGuid() {
        return serverGuid;
    }

    int serverSecurityMode() {
        return serverSecurityMode;
    }

    int serverCapabilities() {
        return serverCapabilities;
    }

    /** The outcome of a 3.1.1 NEGOTIATE's contexts, and the hash its request starts. */
    void negotiated311(Smb2Cipher chosenCipher, Smb2SigningAlgorithm chosenSigning, PreauthIntegrityHash hash) {
        cipher = chosenCipher;
        signingAlgorithm = chosenSigning;
        preauthHash = hash;
    }

    /** Connection.CipherId of a 3.0 or 3.0.2 connection whose client announced SMB2_GLOBAL_CAP_ENCRYPTION. */
    void encryptsWith(Smb2Cipher chosen) {
        cipher = chosen;
    }

    boolean serverRequiresEncryption() {
        return serverRequiresEncryption;
    }

    void serverRequiresEncryption(boolean required) {
        serverRequiresEncryption = required;
    }

    Smb2Cipher cipher() {
        return cipher;
    }

    Smb2SigningAlgorithm signingAlgorithm() {
        return signingAlgorithm;
    }

    /** Connection.PreauthIntegrityHashValue, or null before 3.1.1. */
    PreauthIntegrityHash preauthHash() {
        return preauthHash;
    }

    boolean serverRequiresSigning() {
        return serverRequiresSigning;
    }

    /** Recorded on the event loop before the NEGOTIATE response that announces it is written. */
    void serverRequiresSigning(boolean required) {
        serverRequiresSigning = required;
    }

    void created(Smb2FileId fileId) {
        lastCreated = fileId;
    }

    /**
     * The open a request means by {@code fileId}: for a related operation of a chain, all ones stands for the open
     * the chain's CREATE made ([MS-SMB2] 3.3.5.2.7.2); otherwise the FileId as it is.
     */
    Smb2FileId resolve(Smb2FileId fileId, Smb2Header request) {
        return request.isRelated() && fileId.equals(Smb2FileId.ALL_ONES) ? lastCreated : fileId;
    }

    SessionTable sessions() {
        return sessions;
    }
}
