package io.cistern.smb.crypto;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-128-CMAC signing ([RFC4493]) of the 3.0 and 3.0.2 dialects, and of 3.1.1 unless
 * SMB2_SIGNING_CAPABILITIES chose another algorithm ([MS-SMB2] 3.1.4.1). The key is the 16-byte
 * Session.SigningKey or Channel.SigningKey.
 */
public final class AesCmacSigner extends AbstractSmb2Signer {
    static final int KEY_LENGTH = 16;

    public AesCmacSigner(byte[] signingKey) {
        super(signingKey, KEY_LENGTH);
    }

    @Override
    public Smb2SigningAlgorithm algorithm() {
        return Smb2SigningAlgorithm.AES_CMAC;
    }

    @Override
    byte[] computeSignature(byte[] key, byte[] message, int offset, int length) {
        CMac cmac = newCmac(key);
        forEachSegment(message, offset, length, cmac::update);
        return finish(cmac);
    }

    /** Plain AES-CMAC of {@code data}, for checking the primitive against [RFC4493]. */
    static byte[] aesCmac(byte[] key, byte[] data) {
        CMac cmac = newCmac(key);
        cmac.update(data, 0, data.length);
        return finish(cmac);
    }

    private static CMac newCmac(byte[] key) {
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(key));
        return cmac;
    }

    private static byte[] finish(CMac cmac) {
        byte[] mac = new byte[cmac.getMacSize()];
        cmac.doFinal(mac, 0);
        return mac;
    }
}
