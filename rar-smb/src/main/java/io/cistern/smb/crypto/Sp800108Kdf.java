package io.cistern.smb.crypto;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key derivation function of [SP800-108] section 5.1 (KDF in Counter Mode) with the parameters
 * [MS-SMB2] 3.1.4.2 fixes: HMAC-SHA256 as the PRF, a 32-bit big-endian counter (r = 32) in front of the
 * fixed input, and the fixed input {@code Label || 0x00 || Context || [L]32}. SMB's labels and contexts
 * carry their own terminating NUL, so the separator byte follows that NUL.
 */
public final class Sp800108Kdf {
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int PRF_OUTPUT_LENGTH = 32;

    private Sp800108Kdf() {
    }

    /**
     * Derives {@code lengthBits} bits (128 or 256 in SMB) from {@code key}.
     *
     * @param key     the key derivation key (KI); not empty
     * @param label   the label, exactly as hashed (SMB labels include their NUL)
     * @param context the context, exactly as hashed
     */
    public static byte[] derive(byte[] key, byte[] label, byte[] context, int lengthBits) {
        if (lengthBits <= 0 || lengthBits % 8 != 0) {
            throw new IllegalArgumentException("L must be a positive multiple of 8 bits, not " + lengthBits);
        }
        ByteArrayOutputStream fixedInput = new ByteArrayOutputStream(label.length + context.length + 5);
        fixedInput.writeBytes(label);
        fixedInput.write(0x00);
        fixedInput.writeBytes(context);
        fixedInput.writeBytes(bigEndian32(lengthBits));
        return deriveFromFixedInput(key, fixedInput.toByteArray(), lengthBits / 8);
    }

    /** The counter-mode loop on an already assembled fixed input, as the NIST CAVP vectors state it. */
    static byte[] deriveFromFixedInput(byte[] key, byte[] fixedInput, int lengthBytes) {
        if (key.length == 0) {
            throw new IllegalArgumentException("the key derivation key is empty");
        }
        Mac prf = hmacSha256(key);
        byte[] output = new byte[lengthBytes];
        int blocks = (lengthBytes + PRF_OUTPUT_LENGTH - 1) / PRF_OUTPUT_LENGTH;
        for (int i = 1; i <= blocks; i++) {
            prf.update(bigEndian32(i));
            prf.update(fixedInput);
            byte[] block = prf.doFinal();
            int offset = (i - 1) * PRF_OUTPUT_LENGTH;
            System.arraycopy(block, 0, output, offset, Math.min(PRF_OUTPUT_LENGTH, lengthBytes - offset));
            Arrays.fill(block, (byte) 0);
        }
        return output;
    }

    private static Mac hmacSha256(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("HMAC-SHA256 rejected the key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HMAC-SHA256", e);
        }
    }

    private static byte[] bigEndian32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
