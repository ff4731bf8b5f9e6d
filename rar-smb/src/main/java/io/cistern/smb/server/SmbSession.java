package io.cistern.smb.server;

import io.cistern.smb.crypto.PreauthIntegrityHash;
import io.cistern.smb.crypto.Smb2MessageCipher;
import io.cistern.smb.crypto.Smb2SessionKeys;
import io.cistern.smb.crypto.Smb2Signer;
import io.cistern.smb.spi.SmbAccount;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * One session of a connection, the parts of [MS-SMB2] 3.3.1.8 (Per Session) in use: SessionId, State
 * (InProgress until the first authentication succeeds, then Valid), the authenticated account, the session's
 * keys, Session.SigningRequired, Session.TreeConnectTable and Session.OpenTable. While a SESSION_SETUP exchange is running, new or re-authentication, the
 * session holds it; a re-authentication leaves the session Valid, with its account and keys, until it ends.
 *
 * <p>Confined to the connection's event loop like {@link SmbConnectionState}; a request worker sees only the
 * {@link SessionAuthentication} it is handed, and only while {@link #stepInFlight()} keeps any other request of
 * the session from touching it. Key material stays inside the signer and {@link Smb2SessionKeys}, which wipes it
 * on {@link #destroy()}; {@code toString} shows none.
 */
final class SmbSession {
    enum State { IN_PROGRESS, VALID }

    /** Who the session is: an authenticated account, or a guest or anonymous logon without one ([MS-SMB2] 3.3.5.5.3). */
    enum Logon { ACCOUNT, GUEST, ANONYMOUS }

    private final long sessionId;
    private State state = State.IN_PROGRESS;
    private SessionAuthentication authentication;
    private boolean stepInFlight;
    private SmbAccount account;
    private Logon logon = Logon.ACCOUNT;
    private Smb2SessionKeys keys;
    private Smb2Signer signer;
    private boolean signingRequired;
    /** Session.EncryptionKey and Session.DecryptionKey as ciphers (3.x with a cipher); null otherwise. */
    private Smb2MessageCipher encryptor;
    private Smb2MessageCipher decryptor;
    /** Session.EncryptData with RejectUnencryptedAccess: the server requires every request to be encrypted. */
    private boolean encryptionRequired;
    /** Whether responses go encrypted: encryption is required, or the client has sent an encrypted request. */
    private boolean encryptResponses;
    /** PreauthSession.PreauthIntegrityHashValue (3.1.1): the connection's, then this session's setup messages. */
    private PreauthIntegrityHash preauthHash;
    private final TreeConnectTable trees = new TreeConnectTable();
    private final OpenTable opens = new OpenTable();

    SmbSession(long sessionId) {
        this.sessionId = sessionId;
    }

    long sessionId() {
        return sessionId;
    }

    boolean isValid() {
        return state == State.VALID;
    }

    /** Whether the session is a guest or anonymous one, with no account and no keys. */
    boolean isGuest() {
        return logon != Logon.ACCOUNT;
    }

    Logon logon() {
        return logon;
    }

    /** The account the session acts for; null until valid, and on a guest or anonymous session. */
    SmbAccount account() {
        return account;
    }

    /** Session.TreeConnectTable: the session's tree connects, which a re-authentication keeps. */
    TreeConnectTable trees() {
        return trees;
    }

    /** Session.OpenTable: the session's opens, which a re-authentication keeps. */
    OpenTable opens() {
        return opens;
    }

    /** Session.SigningRequired: every request must be signed, and every response is. */
    boolean signingRequired() {
        return signingRequired;
    }

    /** The pre-authentication integrity hash of a 3.1.1 session being set up; null otherwise. */
    PreauthIntegrityHash preauthHash() {
        return preauthHash;
    }

    /** Seeds the session's hash with a copy of the connection's ([MS-SMB2] 3.3.5.5.1). */
    void beginPreauth(PreauthIntegrityHash connectionHash) {
        preauthHash = connectionHash.copy();
    }

    /** The exchange in progress, started on the first SESSION_SETUP of this (re-)authentication. */
    SessionAuthentication authentication() {
        return authentication;
    }

    void beginAuthentication(SessionAuthentication exchange) {
        authentication = exchange;
    }

    void endAuthentication() {
        authentication = null;
    }

    /** Whether a SESSION_SETUP step of this session is running on a request worker. */
    boolean stepInFlight() {
        return stepInFlight;
    }

    void stepInFlight(boolean running) {
        stepInFlight = running;
    }

    /** The first authentication succeeded ([MS-SMB2] 3.3.5.5.3): the session becomes Valid. */
    void establish(SmbAccount authenticated, Smb2SessionKeys sessionKeys, Smb2Signer sessionSigner,
                   boolean signingIsRequired, boolean encryptionIsRequired) {
        account = authenticated;
        keys = sessionKeys;
        signer = sessionSigner;
        signingRequired = signingIsRequired;
        sessionKeys.cipher().ifPresent(cipher -> {
            byte[] encryptionKey = sessionKeys.serverEncryptionKey();
            byte[] decryptionKey = sessionKeys.serverDecryptionKey();
            encryptor = new Smb2MessageCipher(cipher, encryptionKey);
            decryptor = new Smb2MessageCipher(cipher, decryptionKey);
            Arrays.fill(encryptionKey, (byte) 0);
            Arrays.fill(decryptionKey, (byte) 0);
        });
        encryptionRequired = encryptionIsRequired && encryptor != null;
        encryptResponses = encryptionRequired;
        preauthHash = null;
        state = State.VALID;
    }

    /**
     * A guest or anonymous logon succeeded ([MS-SMB2] 3.3.5.5.3): Valid without an account or a session key, so it
     * can neither sign nor encrypt, and Session.SigningRequired is false.
     */
    void establishGuest(Logon kind) {
        if (kind == Logon.ACCOUNT) {
            throw new IllegalArgumentException("a guest logon is GUEST or ANONYMOUS");
        }
        logon = kind;
        preauthHash = null;
        state = State.VALID;
    }

    /** A re-authentication succeeded: same user (the caller checked), fresh account data, the same keys. */
    void reauthenticated(SmbAccount authenticated) {
        account = authenticated;
    }

    /** [MS-SMB2] 3.1.5.1 with Session.SessionKey (2.x); false when the session has no key yet. */
    boolean verifySignature(ByteBuf message) {
        return signer != null && signer.verify(message, message.readerIndex(), message.readableBytes());
    }

    /**
     * How a response of this session travels. Encrypted when encryption is required or the client encrypts
     * ([MS-SMB2] 3.3.4.1.4), which replaces signing; otherwise signed when its request was (3.3.4.1.1) and, since a client of a
     * signing-required session drops unsigned responses (3.2.5.1.3), always on such a session, error responses
     * included; otherwise null, unprotected.
     */
    ResponseProtection responseProtection(boolean requestSigned) {
        if (!isValid()) {
            return null;
        }
        if (encryptResponses && encryptor != null) {
            return new ResponseProtection.Encrypted(encryptor, sessionId);
        }
        return signer != null && (requestSigned || signingRequired) ? new ResponseProtection.Signed(signer) : null;
    }

    /** Signing only, for the final SESSION_SETUP response, which is never encrypted (3.3.5.5.3). */
    ResponseProtection signing(boolean sign) {
        return isValid() && sign && signer != null ? new ResponseProtection.Signed(signer) : null;
    }

    /** Session.EncryptData ([MS-SMB2] 3.3.1.8) as the server requires it: every request must come encrypted. */
    boolean encryptionRequired() {
        return encryptionRequired;
    }

    /**
     * The client sent an encrypted request ([MS-SMB2] 3.3.5.2.1.1): from now on its responses are encrypted too,
     * which is what a client that encrypts expects.
     */
    void clientEncrypts() {
        encryptResponses = encryptor != null;
    }

    /** Whether the session has a key to sign with: every authenticated session, no guest or anonymous one. */
    boolean canSign() {
        return signer != null;
    }

    /** Whether the session has keys to encrypt with: a 3.x dialect and a cipher both sides have. */
    boolean canEncrypt() {
        return encryptor != null;
    }

    /** Session.DecryptionKey as a cipher, or null when the session cannot decrypt. */
    Smb2MessageCipher decryptor() {
        return decryptor;
    }

    /** Wipes the keys and drops the tree connects; the session must not be used afterwards. */
    void destroy() {
        trees.clear();
        if (keys != null) {
            keys.destroy();
        }
        authentication = null;
        signer = null;
        encryptor = null;
        decryptor = null;
    }

    @Override
    public String toString() {
        return "SmbSession[0x" + Long.toHexString(sessionId) + ", " + state + (isGuest() ? ", " + logon : "")
                + (account == null ? ""
                : ", " + account.username()) + ", signingRequired=" + signingRequired + ", encryptionRequired=" + encryptionRequired
                + "]";
    }
}
