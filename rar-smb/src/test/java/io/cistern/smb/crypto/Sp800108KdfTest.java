package io.cistern.smb.crypto;

import static io.cistern.smb.TestHex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.KDFCounterBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KDFCounterParameters;
import org.junit.jupiter.api.Test;

class Sp800108KdfTest {

    // NIST CAVP KBKDF test vectors (KDFCTR_gen.rsp, CAVS 14.4), [PRF=HMAC_SHA256] [CTRLOCATION=BEFORE_FIXED]
    // [RLEN=32_BITS]; COUNT=0 has L=128, COUNT=10 has L=256.
    @Test
    void nistCavpCounterModeHmacSha256Count0() {
        byte[] ki = bytes("dd1d91b7d90b2bd3138533ce92b272fbf8a369316aefe242e659cc0ae238afe0");
        byte[] fixed = bytes("01322b96b30acd197979444e468e1c5c6859bf1b1cf951b7e725303e237e46b8",
                "64a145fab25e517b08f8683d0315bb2911d80a0e8aba17f3b413faac");
        assertArrayEquals(bytes("10621342bfb0fd40046c0e29f2cfdbf0"), Sp800108Kdf.deriveFromFixedInput(ki, fixed, 16));
    }

    @Test
    void nistCavpCounterModeHmacSha256Count10() {
        byte[] ki = bytes("e204d6d466aad507ffaf6d6dab0a5b26152c9e21e764370464e360c8fbc765c6");
        byte[] fixed = bytes("7b03b98d9f94b899e591f3ef264b71b193fba7043c7e953cde23bc5384bc1a62",
                "93580115fae3495fd845dadbd02bd6455cf48d0f62b33e62364a3a80");
        assertArrayEquals(bytes("770dfab6a6a4a4bee0257ff335213f78d8287b4fd537d5c1fffa956910e7c779"),
                Sp800108Kdf.deriveFromFixedInput(ki, fixed, 32));
    }

    @Test
    void fixedInputIsLabelSeparatorContextAndBigEndianLength() {
        byte[] key = bytes("000102030405060708090a0b0c0d0e0f");
        byte[] label = "SMBSigningKey\0".getBytes(StandardCharsets.US_ASCII);
        byte[] context = bytes("aa".repeat(64));
        for (int bits : new int[] {128, 256, 384}) {
            // Bouncy Castle's own counter-mode KDF, given the fixed input the spec describes
            byte[] fixed = concat(label, new byte[] {0}, context,
                    new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
            KDFCounterBytesGenerator bc = new KDFCounterBytesGenerator(new HMac(new SHA256Digest()));
            bc.init(new KDFCounterParameters(key, null, fixed, 32));
            byte[] expected = new byte[bits / 8];
            bc.generateBytes(expected, 0, expected.length);

            assertArrayEquals(expected, Sp800108Kdf.derive(key, label, context, bits), "L=" + bits);
        }
    }

    @Test
    void rejectsLengthsThatAreNotWholeBytesAndEmptyKeys() {
        byte[] label = {1};
        assertThrows(IllegalArgumentException.class, () -> Sp800108Kdf.derive(new byte[16], label, label, 0));
        assertThrows(IllegalArgumentException.class, () -> Sp800108Kdf.derive(new byte[16], label, label, 127));
        assertThrows(IllegalArgumentException.class, () -> Sp800108Kdf.derive(new byte[0], label, label, 128));
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
