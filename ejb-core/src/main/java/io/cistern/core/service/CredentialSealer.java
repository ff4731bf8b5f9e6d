package io.cistern.core.service;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (NT hashes) for storage in the database with AES-256-GCM under a key that is kept outside it.
 * <p>
 * Sealed format, version 1: {@code 0x01 | nonce (12 bytes) | ciphertext | tag (16 bytes)}. The version byte comes
 * first so that a later scheme (another cipher, a rotated key with a key id) can be told from this one; it is also
 * part of the associated data, so that it cannot be altered without the seal failing. The nonce is random per seal:
 * with 96-bit random nonces one key may seal about 2^32 values before the chance of a repeat matters, far more
 * than an installation ever sets passwords. The caller's associated data (the account's name) binds a sealed value
 * to its row: copied to another row, it does not open.
 */
public final class CredentialSealer {
    /** The first byte of every value sealed by this version of the scheme. */
    public static final byte VERSION = 1;
    /** AES-256. */
    public static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final SecureRandom random;

    /** The key bytes are copied; the caller may wipe its array. */
    public CredentialSealer(byte[] key, SecureRandom random) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
            ByteBuffer sealed = ByteBuffer.allocate(1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length));
            sealed.put(VERSION).put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plaintext), sealed);
            return sealed.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /**
     * The plaintext of a sealed value, or a {@link BrokenSealException} when it is of an unknown version, too short,
     * altered, sealed for other associated data or under another key. GCM cannot tell these last three apart.
     */
    public byte[] open(byte[] sealed, byte[] associatedData) throws BrokenSealException {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new BrokenSealException("too short to be a sealed value");
        }
        if (sealed[0] != VERSION) {
            throw new BrokenSealException("unknown sealed format version " + (sealed[0] & 0xff));
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, associatedData);
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new BrokenSealException("does not open: altered, sealed for another account or under another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(new byte[] {VERSION});
        cipher.updateAAD(associatedData);
        return cipher;
    }

    /** A sealed value that does not open. Its message never contains key, nonce or ciphertext bytes. */
    public static final class BrokenSealException extends Exception {
        private static final long serialVersionUID = 1L;

        BrokenSealException(String message) {
            super(message);
        }
    }
}
