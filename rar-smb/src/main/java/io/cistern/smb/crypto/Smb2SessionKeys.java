package io.cistern.smb.crypto;

import io.cistern.smb.wire.Smb2Dialect;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The keys of one authenticated session, as the server derives them when SESSION_SETUP succeeds
 * ([MS-SMB2] 3.3.5.5.3; the client side is 3.2.5.3.1).
 *
 * <ul>
 * <li>2.0.2 and 2.1 derive nothing: Session.SessionKey signs directly, and there is no encryption.</li>
 * <li>3.0 and 3.0.2 use fixed labels and contexts; their only cipher is AES-128-CCM.</li>
 * <li>3.1.1 uses the session's pre-authentication integrity hash ([MS-SMB2] 3.3.5.5) as context. With an
 * AES-256 cipher the two cipher keys are 256 bits, derived from Session.FullSessionKey (the whole
 * cryptographic key of the GSS context) rather than from the 16-byte Session.SessionKey; the signing and
 * application keys stay 128-bit keys derived from Session.SessionKey.</li>
 * </ul>
 *
 * <p>Directions are named from the server's side: the ServerDecryptionKey ("ServerIn", "SMBC2SCipherKey")
 * decrypts what the client sends, the ServerEncryptionKey ("ServerOut", "SMBS2CCipherKey") encrypts what the
 * server sends. They equal the client's EncryptionKey and DecryptionKey respectively.
 */
public final class Smb2SessionKeys {
    /** Session.SessionKey is the first 16 bytes of the GSS key ([MS-SMB2] 3.3.1.8). */
    public static final int SESSION_KEY_LENGTH = 16;
    /** Length of the SHA-512 pre-authentication integrity hash that is the 3.1.1 context. */
    public static final int PREAUTH_HASH_LENGTH = 64;

    static final byte[] LABEL_SIGNING_30 = label("SMB2AESCMAC");
    static final byte[] CONTEXT_SIGNING_30 = label("SmbSign");
    static final byte[] LABEL_CIPHER_30 = label("SMB2AESCCM");
    static final byte[] CONTEXT_SERVER_IN_30 = label("ServerIn ");
    static final byte[] CONTEXT_SERVER_OUT_30 = label("ServerOut");
    static final byte[] LABEL_APPLICATION_30 = label("SMB2APP");
    static final byte[] CONTEXT_APPLICATION_30 = label("SmbRpc");
    static final byte[] LABEL_SIGNING_311 = label("SMBSigningKey");
    static final byte[] LABEL_CLIENT_TO_SERVER_311 = label("SMBC2SCipherKey");
    static final byte[] LABEL_SERVER_TO_CLIENT_311 = label("SMBS2CCipherKey");
    static final byte[] LABEL_APPLICATION_311 = label("SMBAppKey");

    private static final int KEY_BITS_128 = 128;

    private final byte[] signingKey;
    private final byte[] applicationKey;
    private final Smb2Cipher cipher;
    private final byte[] serverDecryptionKey;
    private final byte[] serverEncryptionKey;

    private Smb2SessionKeys(byte[] signingKey, byte[] applicationKey, Smb2Cipher cipher, byte[] serverDecryptionKey,
                            byte[] serverEncryptionKey) {
        this.signingKey = signingKey;
        this.applicationKey = applicationKey;
        this.cipher = cipher;
        this.serverDecryptionKey = serverDecryptionKey;
        this.serverEncryptionKey = serverEncryptionKey;
    }

    /**
     * Derives the keys of a session.
     *
     * @param dialect              Connection.Dialect ({@link Smb2Dialect})
     * @param cipher               Connection.CipherId for 3.1.1, AES-128-CCM for 3.0/3.0.2 when the client
     *                             announced SMB2_GLOBAL_CAP_ENCRYPTION; null when the connection cannot
     *                             encrypt (always null for 2.x)
     * @param cryptographicKey     the session key the GSS context exported (NTLM: 16 bytes; Kerberos: up to 32)
     * @param preauthIntegrityHash Session.PreauthIntegrityHashValue (64 bytes) for 3.1.1, ignored otherwise
     */
    public static Smb2SessionKeys derive(int dialect, Smb2Cipher cipher, byte[] cryptographicKey,
                                         byte[] preauthIntegrityHash) {
        if (cryptographicKey.length == 0) {
            throw new IllegalArgumentException("the GSS context exported no session key");
        }
        byte[] sessionKey = sessionKey(cryptographicKey);
        return switch (dialect) {
            case Smb2Dialect.SMB_2_0_2, Smb2Dialect.SMB_2_1 -> smb2(cipher, sessionKey);
            case Smb2Dialect.SMB_3_0, Smb2Dialect.SMB_3_0_2 -> smb30(cipher, sessionKey);
            case Smb2Dialect.SMB_3_1_1 -> smb311(cipher, sessionKey, cryptographicKey, preauthIntegrityHash);
            default -> throw new IllegalArgumentException("no key derivation for dialect " + Smb2Dialect.name(dialect));
        };
    }

    /** Session.SessionKey: the first 16 bytes of the GSS key, right-padded with zero bytes if shorter. */
    public static byte[] sessionKey(byte[] cryptographicKey) {
        return Arrays.copyOf(cryptographicKey, SESSION_KEY_LENGTH);
    }

    private static Smb2SessionKeys smb2(Smb2Cipher cipher, byte[] sessionKey) {
        if (cipher != null) {
            throw new IllegalArgumentException("SMB 2.0.2 and 2.1 have no encryption");
        }
        // no ApplicationKey is defined before 3.0: an application asking for one gets the session key
        return new Smb2SessionKeys(sessionKey, sessionKey.clone(), null, null, null);
    }

    private static Smb2SessionKeys smb30(Smb2Cipher cipher, byte[] sessionKey) {
        if (cipher != null && cipher != Smb2Cipher.AES_128_CCM) {
            throw new IllegalArgumentException("SMB 3.0 and 3.0.2 encrypt with AES-128-CCM only, not " + cipher);
        }
        byte[] signing = Sp800108Kdf.derive(sessionKey, LABEL_SIGNING_30, CONTEXT_SIGNING_30, KEY_BITS_128);
        byte[] application = Sp800108Kdf.derive(sessionKey, LABEL_APPLICATION_30, CONTEXT_APPLICATION_30,
                KEY_BITS_128);
        if (cipher == null) {
            return new Smb2SessionKeys(signing, application, null, null, null);
        }
        byte[] decryption = Sp800108Kdf.derive(sessionKey, LABEL_CIPHER_30, CONTEXT_SERVER_IN_30, KEY_BITS_128);
        byte[] encryption = Sp800108Kdf.derive(sessionKey, LABEL_CIPHER_30, CONTEXT_SERVER_OUT_30, KEY_BITS_128);
        return new Smb2SessionKeys(signing, application, cipher, decryption, encryption);
    }

    private static Smb2SessionKeys smb311(Smb2Cipher cipher, byte[] sessionKey, byte[] fullSessionKey,
                                          byte[] preauthIntegrityHash) {
        if (preauthIntegrityHash == null || preauthIntegrityHash.length != PREAUTH_HASH_LENGTH) {
            throw new IllegalArgumentException("SMB 3.1.1 keys need the 64-byte pre-authentication integrity hash");
        }
        byte[] signing = Sp800108Kdf.derive(sessionKey, LABEL_SIGNING_311, preauthIntegrityHash, KEY_BITS_128);
        byte[] application = Sp800108Kdf.derive(sessionKey, LABEL_APPLICATION_311, preauthIntegrityHash,
                KEY_BITS_128);
        if (cipher == null) {
            return new Smb2SessionKeys(signing, application, null, null, null);
        }
        // [MS-SMB2] 3.3.5.5.3: the AES-256 ciphers take Session.FullSessionKey and L = 256
        byte[] cipherKeyDerivationKey = cipher.keyLength() > SESSION_KEY_LENGTH ? fullSessionKey : sessionKey;
        int lengthBits = cipher.keyLength() * 8;
        byte[] decryption = Sp800108Kdf.derive(cipherKeyDerivationKey, LABEL_CLIENT_TO_SERVER_311,
                preauthIntegrityHash, lengthBits);
        byte[] encryption = Sp800108Kdf.derive(cipherKeyDerivationKey, LABEL_SERVER_TO_CLIENT_311,
                preauthIntegrityHash, lengthBits);
        return new Smb2SessionKeys(signing, application, cipher, decryption, encryption);
    }

    /** Session.SigningKey (3.x) or Session.SessionKey (2.x): the key that signs this session's messages. */
    public byte[] signingKey() {
        return signingKey.clone();
    }

    /** Session.ApplicationKey (3.x), or Session.SessionKey where the dialect defines none (2.x). */
    public byte[] applicationKey() {
        return applicationKey.clone();
    }

    /** The cipher the encryption keys belong to; empty when the session cannot encrypt. */
    public Optional<Smb2Cipher> cipher() {
        return Optional.ofNullable(cipher);
    }

    /** Session.DecryptionKey of the server: decrypts messages from the client. */
    public byte[] serverDecryptionKey() {
        requireEncryption();
        return serverDecryptionKey.clone();
    }

    /** Session.EncryptionKey of the server: encrypts messages to the client. */
    public byte[] serverEncryptionKey() {
        requireEncryption();
        return serverEncryptionKey.clone();
    }

    /** Wipes every key this object holds; later reads return zeros. */
    public void destroy() {
        for (byte[] key : new byte[][] {signingKey, applicationKey, serverDecryptionKey, serverEncryptionKey}) {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private void requireEncryption() {
        if (cipher == null) {
            throw new IllegalStateException("this session has no encryption keys");
        }
    }

    @Override
    public String toString() {
        return "Smb2SessionKeys[cipher=" + (cipher == null ? "none" : cipher) + ", keys redacted]";
    }

    private static byte[] label(String text) {
        return (text + '\0').getBytes(StandardCharsets.US_ASCII);
    }
}
