package io.cistern.smb.crypto;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Nonces for the messages one key encrypts. [MS-SMB2] 2.2.41 only demands that a nonce is never reused
 * within a session; for AES-GCM a repeat would give the key away, so uniqueness does not rest on chance:
 * the first 8 bytes are a 64-bit message counter (little-endian). The remaining 3 (CCM) or 4 (GCM) bytes
 * are a random value fixed per generator, so that two generators wrongly given the same key still
 * produce different nonces. Thread-safe.
 */
public final class Smb2NonceGenerator {
    private static final int COUNTER_LENGTH = 8;

    private final int nonceLength;
    private final byte[] salt;
    private final AtomicLong counter = new AtomicLong();

    public Smb2NonceGenerator(Smb2Cipher cipher) {
        this(cipher, new SecureRandom());
    }

    Smb2NonceGenerator(Smb2Cipher cipher, SecureRandom random) {
        this.nonceLength = cipher.nonceLength();
        this.salt = new byte[nonceLength - COUNTER_LENGTH];
        random.nextBytes(salt);
    }

    /** The next nonce, {@link Smb2Cipher#nonceLength()} bytes long. */
    public byte[] next() {
        long count = counter.updateAndGet(previous -> {
            if (previous == -1L) {
                throw new IllegalStateException("2^64 nonces used: the key must be replaced");
            }
            return previous + 1;
        });
        byte[] nonce = new byte[nonceLength];
        for (int i = 0; i < COUNTER_LENGTH; i++) {
            nonce[i] = (byte) (count >>> (8 * i));
        }
        System.arraycopy(salt, 0, nonce, COUNTER_LENGTH, salt.length);
        return nonce;
    }
}
