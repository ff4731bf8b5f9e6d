package io.cistern.smb.crypto;

import static io.cistern.smb.TestHex.bytes;
import static io.cistern.smb.TestHex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.wire.Smb2Dialect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.GMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

class Smb2SignerTest {
    private static final byte[] KEY = bytes("000102030405060708090A0B0C0D0E0F");

    // RFC 4493 section 4, AES-CMAC test vectors (the same as NIST SP 800-38B, examples 1-4)
    @Test
    void aesCmacMatchesRfc4493() {
        byte[] key = bytes("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] m = bytes("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51",
                "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        assertEquals("BB1D6929E95937287FA37D129B756746", hex(AesCmacSigner.aesCmac(key, new byte[0])));
        assertEquals("070A16B46B4D4144F79BDD9DD04A287C", hex(AesCmacSigner.aesCmac(key, Arrays.copyOf(m, 16))));
        assertEquals("DFA66747DE9AE63030CA32611497C827", hex(AesCmacSigner.aesCmac(key, Arrays.copyOf(m, 40))));
        assertEquals("51F0BEBF7E3B9D92FC49741779363CFE", hex(AesCmacSigner.aesCmac(key, m)));
    }

    // NIST CAVP GCM test vectors (gcmEncryptExtIV128.rsp): [Keylen = 128] [IVlen = 96] [PTlen = 0]
    // [AADlen = 128] [Taglen = 128] Count = 0, i.e. a GMAC
    @Test
    void aesGmacMatchesNistGcmVectorWithoutPlaintext() {
        byte[] tag = AesGmacSigner.aesGmac(bytes("77be63708971c4e240d1cb79e8d77feb"),
                bytes("e0e00f19fed7ba0136a797f3"), bytes("7a43ec1d9c0a5a78a0b16533a6213cab"));
        assertEquals("209FCC8D3675ED938E9C7166709DD946", hex(tag));
    }

    // The final SESSION_SETUP responses of three published 3.1.x exchanges, signed by Windows with AES-CMAC:
    // "SMB 3.1.1 Encryption in Windows 10" Appendix A.1, and the "anatomy of signing and cryptographic keys"
    // blog's 3.1.1 multichannel example (master session, then the bound channel with Channel.SigningKey).
    @Test
    void aesCmacReproducesWindowsSignatures() {
        List<byte[][]> vectors = List.of(
                new byte[][] {Smb311BlogVectors.SIGNING_KEY, Smb311BlogVectors.SESSION_SETUP_RESPONSE_2_SIGNED},
                new byte[][] {bytes("73FE7A9A77BEF0BDE49C650D8CCB5F76"), bytes(
                        "FE534D4240000100000000000100800009000000000000000300000000000000FFFE000000000000",
                        "1900000000100000EBE146DA120BA25FC3376A49DFE31BC10900000048001D00A11B3019A0030A01",
                        "00A3120410010000003B453CDC3524164200000000")},
                new byte[][] {bytes("C962BCA1A9DD1697B030644199705431"), bytes(
                        "FE534D4240000100000000000100800009000000000000000300000000000000FFFE000000000000",
                        "19000000001000008D604217FFBACF40635BF9D8729921500900000048001D00A11B3019A0030A01",
                        "00A312041001000000CFB046FC5D368E2200000000")});
        for (byte[][] vector : vectors) {
            Smb2Signer signer = Smb2Signers.forDialect(Smb2Dialect.SMB_3_1_1, null, vector[0]);
            byte[] signed = vector[1];
            assertTrue(signer.verify(signed));

            byte[] unsigned = signed.clone();
            Arrays.fill(unsigned, 48, 64, (byte) 0);
            signer.sign(unsigned);
            assertArrayEquals(signed, unsigned);
        }
        assertEquals(Smb311BlogVectors.SESSION_SETUP_RESPONSE_2_SIGNATURE,
                hex(Arrays.copyOfRange(Smb311BlogVectors.SESSION_SETUP_RESPONSE_2_SIGNED, 48, 64)));
    }

    // Two signed IOCTL responses captured from Windows (SMB 2.x, HMAC-SHA256), published as test data in
    // TalAloni/SMBLibrary, SMBLibrary.Tests/SMB2SigningTests.cs
    @Test
    void hmacSha256ReproducesCapturedWindowsSignatures() {
        byte[][][] vectors = {
            {bytes("D38354CC374339F0524F789146789921"), bytes(
                    "fe534d4240000100280100c00b000700", "09000000000000000400000000000000",
                    "fffe0000010000000100000000040000", "fbd284340324c62fbebb65dd1051f3ae",
                    "0900000000000000ff")},
            {bytes("04E707571F8E0353B77A94C3653B87B5"), bytes(
                    "fe534d4240000100280100c00b000700", "09000000000000000400000000000000",
                    "fffe0000010000000500000000040000", "a164ffe53d6811981f386772e387e06f",
                    "0900000000000000ff")}};
        for (byte[][] vector : vectors) {
            Smb2Signer signer = Smb2Signers.forDialect(Smb2Dialect.SMB_2_1, null, vector[0]);
            assertInstanceOf(HmacSha256Signer.class, signer);
            assertTrue(signer.verify(vector[1]));
            byte[] resigned = vector[1].clone();
            Arrays.fill(resigned, 48, 64, (byte) 0x5A);
            signer.sign(resigned);
            assertArrayEquals(vector[1], resigned);
        }
    }

    // No published AES-GMAC signing vector was found; Bouncy Castle's GMac, given the nonce [MS-SMB2] 3.1.4.1
    // describes (built here independently of AesGmacSigner), is the reference instead.
    @Test
    void aesGmacSignatureEqualsBouncyCastleGmacWithTheSpecNonce() {
        byte[] response = message(0x0005, 0x0000_0001 | 0x0000_0008, 0x1122_3344_5566_7788L);
        byte[] request = message(0x0005, 0x0000_0008, 0x1122_3344_5566_7788L);
        byte[] cancel = message(0x000C, 0x0000_0008, 0x1122_3344_5566_7788L);
        byte[] messageIdBytes = bytes("8877665544332211");
        assertEquals(hex(bcGmac(response, Sp800108KdfTest.concat(messageIdBytes, bytes("01000000")))),
                hex(signature(new AesGmacSigner(KEY), response)));
        assertEquals(hex(bcGmac(request, Sp800108KdfTest.concat(messageIdBytes, bytes("00000000")))),
                hex(signature(new AesGmacSigner(KEY), request)));
        assertEquals(hex(bcGmac(cancel, Sp800108KdfTest.concat(messageIdBytes, bytes("02000000")))),
                hex(signature(new AesGmacSigner(KEY), cancel)));
    }

    @Test
    void gmacNonceCarriesRoleAndCancelBits() {
        assertEquals("887766554433221101000000",
                hex(AesGmacSigner.nonce(message(0x000C, 0x0000_0001, 0x1122_3344_5566_7788L), 0)));
        assertEquals("887766554433221102000000",
                hex(AesGmacSigner.nonce(message(0x000C, 0, 0x1122_3344_5566_7788L), 0)));
        assertEquals("887766554433221100000000",
                hex(AesGmacSigner.nonce(message(0x0008, 0, 0x1122_3344_5566_7788L), 0)));
    }

    @Test
    void everyAlgorithmRejectsAFlippedByteAnywhere() {
        for (Smb2Signer signer : allSigners()) {
            byte[] signed = message(0x0009, 0x0000_0008, 42);
            signer.sign(signed);
            assertTrue(signer.verify(signed), signer.toString());
            for (int position : new int[] {0, 12, 24, 40, 47, 48, 63, 64, signed.length - 1}) {
                byte[] tampered = signed.clone();
                tampered[position] ^= 0x01;
                assertFalse(signer.verify(tampered), signer + " accepted a flip at " + position);
            }
            byte[] truncated = Arrays.copyOf(signed, signed.length - 1);
            assertFalse(signer.verify(truncated), signer + " accepted a truncated message");
        }
    }

    @Test
    void aSignatureDoesNotVerifyUnderAnotherKey() {
        byte[] otherKey = KEY.clone();
        otherKey[15] ^= 1;
        for (Smb2SigningAlgorithm algorithm : Smb2SigningAlgorithm.values()) {
            byte[] signed = message(0x0009, 0x0000_0008, 42);
            Smb2Signers.of(algorithm, KEY).sign(signed);
            assertFalse(Smb2Signers.of(algorithm, otherKey).verify(signed), algorithm.toString());
        }
    }

    @Test
    void signsOnlyTheSignatureFieldOfOneMemberOfALargerBuffer() {
        for (Smb2Signer signer : allSigners()) {
            byte[] member = message(0x0010, 0x0000_0008, 7);
            byte[] chain = new byte[16 + member.length + 16];
            Arrays.fill(chain, (byte) 0x77);
            System.arraycopy(member, 0, chain, 16, member.length);

            signer.sign(chain, 16, member.length);

            byte[] expected = member.clone();
            signer.sign(expected);
            assertArrayEquals(expected, Arrays.copyOfRange(chain, 16, 16 + member.length));
            assertEquals(0x77, chain[0] & 0xFF);
            assertEquals(0x77, chain[chain.length - 1] & 0xFF);
            assertTrue(signer.verify(chain, 16, member.length));
        }
    }

    @Test
    void byteBufRegionsSignLikeArraysAndKeepTheirIndices() {
        for (Smb2Signer signer : allSigners()) {
            byte[] member = message(0x0006, 0x0000_0009, 3);
            byte[] expected = member.clone();
            signer.sign(expected);
            for (ByteBuf buf : List.of(Unpooled.buffer(), Unpooled.directBuffer())) {
                buf.writeZero(8).writeBytes(member).writeZero(8);
                buf.readerIndex(2);
                signer.sign(buf, 8, member.length);
                byte[] written = new byte[member.length];
                buf.getBytes(8, written);
                assertArrayEquals(expected, written, signer + " on " + buf.getClass().getSimpleName());
                assertTrue(signer.verify(buf, 8, member.length));
                buf.setByte(8 + 70, buf.getByte(8 + 70) ^ 1);
                assertFalse(signer.verify(buf, 8, member.length));
                assertEquals(2, buf.readerIndex());
                assertEquals(16 + member.length, buf.writerIndex());
                buf.release();
            }
        }
    }

    @Test
    void signSetsNothingButTheSignature() {
        for (Smb2Signer signer : allSigners()) {
            byte[] unsignedFlags = message(0x0009, 0x0000_0001, 5);
            byte[] signed = unsignedFlags.clone();
            signer.sign(signed);
            assertArrayEquals(Arrays.copyOf(unsignedFlags, 48), Arrays.copyOf(signed, 48));
            assertArrayEquals(Arrays.copyOfRange(unsignedFlags, 64, unsignedFlags.length),
                    Arrays.copyOfRange(signed, 64, signed.length));
            assertNotEquals(hex(new byte[16]), hex(Arrays.copyOfRange(signed, 48, 64)));
        }
    }

    @Test
    void rejectsWrongKeyLengthsAndShortMessages() {
        assertThrows(IllegalArgumentException.class, () -> new AesCmacSigner(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new AesCmacSigner(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> new AesGmacSigner(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new HmacSha256Signer(new byte[0]));
        for (Smb2Signer signer : allSigners()) {
            assertThrows(IllegalArgumentException.class, () -> signer.sign(new byte[63]));
            assertThrows(IllegalArgumentException.class, () -> signer.verify(new byte[63]));
            assertThrows(IndexOutOfBoundsException.class, () -> signer.sign(new byte[100], 40, 64));
        }
    }

    @Test
    void dialectAndNegotiatedAlgorithmChooseTheSigner() {
        assertInstanceOf(HmacSha256Signer.class, Smb2Signers.forDialect(Smb2Dialect.SMB_2_0_2, null, KEY));
        assertInstanceOf(AesCmacSigner.class, Smb2Signers.forDialect(Smb2Dialect.SMB_3_0, null, KEY));
        assertInstanceOf(AesCmacSigner.class, Smb2Signers.forDialect(Smb2Dialect.SMB_3_0_2, null, KEY));
        assertInstanceOf(AesCmacSigner.class, Smb2Signers.forDialect(Smb2Dialect.SMB_3_1_1, null, KEY));
        assertInstanceOf(AesGmacSigner.class,
                Smb2Signers.forDialect(Smb2Dialect.SMB_3_1_1, Smb2SigningAlgorithm.AES_GMAC, KEY));
        assertThrows(IllegalArgumentException.class,
                () -> Smb2Signers.forDialect(Smb2Dialect.SMB_3_0, Smb2SigningAlgorithm.AES_GMAC, KEY));
        assertThrows(IllegalArgumentException.class, () -> Smb2Signers.forDialect(0x0222, null, KEY));
        assertFalse(new AesCmacSigner(KEY).toString().contains("0001020304"));
    }

    static List<Smb2Signer> allSigners() {
        return List.of(new HmacSha256Signer(KEY), new AesCmacSigner(KEY), new AesGmacSigner(KEY));
    }

    /** A 64-byte SMB2 header plus a small body, with the given command, flags and MessageId. */
    static byte[] message(int command, int flags, long messageId) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeIntLE(0x424D53FE).writeShortLE(64).writeShortLE(1).writeIntLE(0).writeShortLE(command)
                .writeShortLE(1).writeIntLE(flags).writeIntLE(0).writeLongLE(messageId).writeIntLE(0xFEFF)
                .writeIntLE(5).writeLongLE(0x0000_1000_0000_0025L).writeZero(16);
        buf.writeShortLE(4).writeShortLE(0).writeBytes(new byte[] {10, 20, 30, 40, 50, 60, 70, 80});
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private static byte[] signature(Smb2Signer signer, byte[] message) {
        byte[] copy = message.clone();
        signer.sign(copy);
        return Arrays.copyOfRange(copy, 48, 64);
    }

    private static byte[] bcGmac(byte[] message, byte[] nonce) {
        GMac gmac = new GMac(GCMBlockCipher.newInstance(AESEngine.newInstance()));
        gmac.init(new ParametersWithIV(new KeyParameter(KEY), nonce));
        byte[] zeroed = message.clone();
        Arrays.fill(zeroed, 48, 64, (byte) 0);
        gmac.update(zeroed, 0, zeroed.length);
        byte[] tag = new byte[16];
        gmac.doFinal(tag, 0);
        return tag;
    }
}
