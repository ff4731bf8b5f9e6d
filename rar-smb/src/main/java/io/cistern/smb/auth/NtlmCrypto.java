package io.cistern.smb.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptographic primitives of [MS-NLMP] 6 (Appendix A) that NTLMv2 and its session security use:
 * HMAC_MD5, MD5, RC4K / RC4Init, and the NTOWFv2 of 3.3.2 computed from an NT hash instead of a password.
 * All are in every JDK (SunJCE's "ARCFOUR" for RC4), so a missing algorithm is a broken runtime and surfaces
 * as {@link IllegalStateException}.
 */
final class NtlmCrypto {
    private NtlmCrypto() {
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /** RC4Init(key): a keystream whose state carries over between calls, as the sealing handle of 3.4 needs. */
    static Cipher rc4Handle(byte[] key) {
        try {
            Cipher cipher = Cipher.getInstance("ARCFOUR");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ARCFOUR unavailable", e);
        }
    }

    /** RC4K(key, data): a one-shot RC4 under a fresh key schedule; its own inverse. */
    static byte[] rc4k(byte[] key, byte[] data) {
        return rc4Handle(key).update(data);
    }

    /**
     * NTOWFv2 of [MS-NLMP] 3.3.2, starting from the NT hash (MD4 of the UTF-16LE password) the caller holds:
     * HMAC_MD5(NTHash, UNICODE(ConcatenationOf(Uppercase(User), UserDom))).
     */
    static byte[] responseKeyNt(byte[] ntHash, String user, String userDomain) {
        return hmacMd5(ntHash, (upperCase(user) + userDomain).getBytes(StandardCharsets.UTF_16LE));
    }

    /**
     * Upper-cases char by char, as Windows' own upcase table does: {@link String#toUpperCase} would turn "ß" into
     * "SS" and so hash a different string than the client did.
     */
    static String upperCase(String value) {
        char[] chars = value.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toUpperCase(chars[i]);
        }
        return new String(chars);
    }
}
