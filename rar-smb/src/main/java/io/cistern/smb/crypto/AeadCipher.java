package io.cistern.smb.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The two AEAD modes SMB 3.x encrypts with ([MS-SMB2] 3.1.4.3, [RFC5084]), always with a 16-byte tag:
 * AES-GCM from the JDK and AES-CCM from Bouncy Castle's lightweight API (the JDK has no CCM).
 * {@code seal} returns ciphertext followed by the tag; {@code open} takes them apart and returns the
 * plaintext only once the tag is verified.
 */
abstract class AeadCipher {
    static final int TAG_LENGTH = 16;

    static AeadCipher of(Smb2Cipher cipher) {
        return cipher.isGcm() ? new Gcm() : new Ccm();
    }

    abstract byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length);

    abstract byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag, int offset, int length)
            throws AEADBadTagException;

    static final class Gcm extends AeadCipher {
        private static final int TAG_BITS = TAG_LENGTH * 8;

        @Override
        byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length) {
            try {
                Cipher gcm = init(Cipher.ENCRYPT_MODE, key, nonce, aad);
                return gcm.doFinal(plaintext, offset, length);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e);
            }
        }

        @Override
        byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag, int offset, int length)
                throws AEADBadTagException {
            try {
                // the JDK holds back all plaintext until doFinal has checked the tag
                return init(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(ciphertextAndTag, offset, length);
            } catch (AEADBadTagException e) {
                throw e;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM decryption failed", e);
            }
        }

        // a fresh Cipher per message: the JDK refuses to reuse a key and nonce on one encrypting instance
        static Cipher init(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad);
            return gcm;
        }
    }

    private static final class Ccm extends AeadCipher {
        @Override
        byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length) {
            CCMModeCipher ccm = init(true, key, nonce, aad);
            byte[] sealed = new byte[ccm.getOutputSize(length)];
            try {
                int written = ccm.processBytes(plaintext, offset, length, sealed, 0);
                ccm.doFinal(sealed, written);
                return sealed;
            } catch (InvalidCipherTextException e) {
                throw new IllegalStateException("AES-CCM encryption failed", e);
            }
        }

        @Override
        byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag, int offset, int length)
                throws AEADBadTagException {
            CCMModeCipher ccm = init(false, key, nonce, aad);
            // Bouncy Castle decrypts into the output before it checks the MAC: keep that buffer private
            byte[] plaintext = new byte[ccm.getOutputSize(length)];
            try {
                int written = ccm.processBytes(ciphertextAndTag, offset, length, plaintext, 0);
                ccm.doFinal(plaintext, written);
                return plaintext;
            } catch (InvalidCipherTextException e) {
                Arrays.fill(plaintext, (byte) 0);
                throw new AEADBadTagException("AES-CCM tag mismatch");
            }
        }

        private static CCMModeCipher init(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
            CCMModeCipher ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
            ccm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, aad));
            return ccm;
        }
    }
}
