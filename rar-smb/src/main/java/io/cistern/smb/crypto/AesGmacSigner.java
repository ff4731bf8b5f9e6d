package io.cistern.smb.crypto;

import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-GMAC signing of 3.1.1 when SMB2_SIGNING_CAPABILITIES selected it ([MS-SMB2] 3.1.4.1, [RFC4543]):
 * AES-GCM over no plaintext with the whole message as additional data; the 16-byte tag is the signature.
 *
 * <p>The 12-byte nonce comes from the message itself: MessageId (8 bytes, little-endian), then a 32-bit
 * little-endian field whose least significant bit is 1 when the sender is the server and whose next bit
 * is 1 for an SMB2 CANCEL request. Both bits are read from the header (SMB2_FLAGS_SERVER_TO_REDIR, Command),
 * so one signer serves both directions. That makes the role bit the sender's claim: the server must refuse
 * a request carrying SMB2_FLAGS_SERVER_TO_REDIR before trusting its signature, or one of its own signed
 * responses could be replayed to it as a request.
 */
public final class AesGmacSigner extends AbstractSmb2Signer {
    static final int KEY_LENGTH = 16;
    static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int COMMAND_OFFSET = 12;
    private static final int FLAGS_OFFSET = 16;
    private static final int MESSAGE_ID_OFFSET = 24;
    private static final int NONCE_ROLE_SERVER = 0x1;
    private static final int NONCE_CANCEL_REQUEST = 0x2;

    public AesGmacSigner(byte[] signingKey) {
        super(signingKey, KEY_LENGTH);
    }

    @Override
    public Smb2SigningAlgorithm algorithm() {
        return Smb2SigningAlgorithm.AES_GMAC;
    }

    @Override
    byte[] computeSignature(byte[] key, byte[] message, int offset, int length) {
        Cipher gcm = newGmac(key, nonce(message, offset));
        forEachSegment(message, offset, length, gcm::updateAAD);
        return finish(gcm);
    }

    /** The nonce [MS-SMB2] 3.1.4.1 prescribes for the message at {@code offset}. */
    static byte[] nonce(byte[] message, int offset) {
        byte[] nonce = new byte[NONCE_LENGTH];
        System.arraycopy(message, offset + MESSAGE_ID_OFFSET, nonce, 0, 8);
        int flags = littleEndian32(message, offset + FLAGS_OFFSET);
        int command = (message[offset + COMMAND_OFFSET] & 0xFF) | (message[offset + COMMAND_OFFSET + 1] & 0xFF) << 8;
        boolean fromServer = (flags & Smb2Header.FLAGS_SERVER_TO_REDIR) != 0;
        int nonceFlags = fromServer ? NONCE_ROLE_SERVER : 0;
        if (!fromServer && command == Smb2Command.CANCEL) {
            nonceFlags |= NONCE_CANCEL_REQUEST;
        }
        nonce[8] = (byte) nonceFlags;
        return nonce;
    }

    /** Plain AES-GMAC of {@code aad}, for checking the primitive against NIST GCM vectors. */
    static byte[] aesGmac(byte[] key, byte[] nonce, byte[] aad) {
        Cipher gcm = newGmac(key, nonce);
        gcm.updateAAD(aad);
        return finish(gcm);
    }

    // a fresh Cipher per message: the JDK refuses to reuse a key and nonce on one encrypting instance
    private static Cipher newGmac(byte[] key, byte[] nonce) {
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            return gcm;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static byte[] finish(Cipher gcm) {
        try {
            return gcm.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GMAC failed", e);
        }
    }

    private static int littleEndian32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }
}
