package io.cistern.smb.crypto;

import java.util.Optional;

/**
 * The encryption algorithms of SMB 3.x, by their Ciphers ids in SMB2_ENCRYPTION_CAPABILITIES
 * ([MS-SMB2] 2.2.3.1.2). The 3.0 and 3.0.2 dialects have no negotiate context and always use AES-128-CCM.
 * The nonce length is the part of the 16-byte TRANSFORM_HEADER Nonce field that feeds the cipher
 * ([MS-SMB2] 2.2.41).
 */
public enum Smb2Cipher {
    AES_128_CCM(0x0001, 16, 11, false),
    AES_128_GCM(0x0002, 16, 12, true),
    AES_256_CCM(0x0003, 32, 11, false),
    AES_256_GCM(0x0004, 32, 12, true);

    /** The 16-byte authentication tag that fills the TRANSFORM_HEADER Signature field. */
    public static final int TAG_LENGTH = 16;

    private final int id;
    private final int keyLength;
    private final int nonceLength;
    private final boolean gcm;

    Smb2Cipher(int id, int keyLength, int nonceLength, boolean gcm) {
        this.id = id;
        this.keyLength = keyLength;
        this.nonceLength = nonceLength;
        this.gcm = gcm;
    }

    /** The cipher id on the wire. */
    public int id() {
        return id;
    }

    /** Key length in bytes: 16 for the AES-128 ciphers, 32 for the AES-256 ones. */
    public int keyLength() {
        return keyLength;
    }

    /** Nonce length in bytes: 11 for CCM, 12 for GCM. */
    public int nonceLength() {
        return nonceLength;
    }

    public boolean isGcm() {
        return gcm;
    }

    /** The cipher a negotiate context names, or empty for an id this implementation does not know. */
    public static Optional<Smb2Cipher> fromId(int id) {
        for (Smb2Cipher cipher : values()) {
            if (cipher.id == id) {
                return Optional.of(cipher);
            }
        }
        return Optional.empty();
    }
}
