package io.cistern.smb.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signing of the 2.0.2 and 2.1 dialects ([MS-SMB2] 3.1.4.1): the first 16 bytes of the
 * 32-byte HMAC over the message, keyed with Session.SessionKey.
 */
public final class HmacSha256Signer extends AbstractSmb2Signer {
    private static final String HMAC_SHA256 = "HmacSHA256";

    public HmacSha256Signer(byte[] sessionKey) {
        super(sessionKey, 0);
    }

    @Override
    public Smb2SigningAlgorithm algorithm() {
        return Smb2SigningAlgorithm.HMAC_SHA256;
    }

    @Override
    byte[] computeSignature(byte[] key, byte[] message, int offset, int length) {
        try {
            Mac hmac = Mac.getInstance(HMAC_SHA256);
            hmac.init(new SecretKeySpec(key, HMAC_SHA256));
            forEachSegment(message, offset, length, hmac::update);
            return Arrays.copyOf(hmac.doFinal(), SIGNATURE_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
