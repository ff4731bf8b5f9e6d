package io.cistern.smb.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ids of [MS-SMB2] 2.2.3.1.2 (Ciphers) and 2.2.3.1.7 (SigningAlgorithms), and what each cipher needs. */
class Smb2AlgorithmIdsTest {

    @Test
    void cipherIdsKeysAndNonces() {
        assertEquals(Optional.of(Smb2Cipher.AES_128_CCM), Smb2Cipher.fromId(0x0001));
        assertEquals(Optional.of(Smb2Cipher.AES_128_GCM), Smb2Cipher.fromId(0x0002));
        assertEquals(Optional.of(Smb2Cipher.AES_256_CCM), Smb2Cipher.fromId(0x0003));
        assertEquals(Optional.of(Smb2Cipher.AES_256_GCM), Smb2Cipher.fromId(0x0004));
        assertTrue(Smb2Cipher.fromId(0x0000).isEmpty());
        assertTrue(Smb2Cipher.fromId(0x0005).isEmpty());
        assertEquals(16, Smb2Cipher.AES_128_CCM.keyLength());
        assertEquals(32, Smb2Cipher.AES_256_GCM.keyLength());
        assertEquals(11, Smb2Cipher.AES_256_CCM.nonceLength());
        assertEquals(12, Smb2Cipher.AES_128_GCM.nonceLength());
    }

    @Test
    void signingAlgorithmIds() {
        assertEquals(Optional.of(Smb2SigningAlgorithm.HMAC_SHA256), Smb2SigningAlgorithm.fromId(0x0000));
        assertEquals(Optional.of(Smb2SigningAlgorithm.AES_CMAC), Smb2SigningAlgorithm.fromId(0x0001));
        assertEquals(Optional.of(Smb2SigningAlgorithm.AES_GMAC), Smb2SigningAlgorithm.fromId(0x0002));
        assertTrue(Smb2SigningAlgorithm.fromId(0x0003).isEmpty());
        assertEquals(0x0002, Smb2SigningAlgorithm.AES_GMAC.id());
    }
}
