package io.cistern.smb.crypto;

import static io.cistern.smb.TestHex.bytes;
import static io.cistern.smb.TestHex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.wire.Smb2TransformHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class Smb2MessageCipherTest {
    private static final long SESSION_ID = 0x0000_1000_0000_0041L;

    // "Encryption in SMB 3.0: A protocol perspective" (Microsoft Open Specifications blog), test vector:
    // the server decrypts the client's WRITE and READ and encrypts its responses with the blog's nonces
    @Test
    void smb30BlogVectorAes128Ccm() throws Exception {
        Smb2MessageCipher decryptor = new Smb2MessageCipher(Smb2Cipher.AES_128_CCM,
                Smb30BlogVectors.SERVER_DECRYPTION_KEY);
        Smb2MessageCipher encryptor = new Smb2MessageCipher(Smb2Cipher.AES_128_CCM,
                Smb30BlogVectors.SERVER_ENCRYPTION_KEY);
        long sessionId = Smb30BlogVectors.SESSION_ID;

        assertArrayEquals(Smb30BlogVectors.WRITE_REQUEST,
                decryptor.decrypt(Smb30BlogVectors.WRITE_REQUEST_TRANSFORMED));
        assertArrayEquals(Smb30BlogVectors.READ_REQUEST,
                decryptor.decrypt(Smb30BlogVectors.READ_REQUEST_TRANSFORMED));
        assertEquals(hex(Smb30BlogVectors.WRITE_RESPONSE_TRANSFORMED), hex(encryptor.encryptWithNonceField(
                Smb30BlogVectors.WRITE_RESPONSE, sessionId, Smb30BlogVectors.WRITE_RESPONSE_NONCE_FIELD)));
        assertEquals(hex(Smb30BlogVectors.READ_RESPONSE_TRANSFORMED), hex(encryptor.encryptWithNonceField(
                Smb30BlogVectors.READ_RESPONSE, sessionId, Smb30BlogVectors.READ_RESPONSE_NONCE_FIELD)));

        // the client side of the same exchange, to pin the request direction byte for byte as well
        Smb2MessageCipher client = new Smb2MessageCipher(Smb2Cipher.AES_128_CCM,
                Smb30BlogVectors.SERVER_DECRYPTION_KEY);
        assertEquals(hex(Smb30BlogVectors.WRITE_REQUEST_TRANSFORMED), hex(client.encryptWithNonceField(
                Smb30BlogVectors.WRITE_REQUEST, sessionId, Smb30BlogVectors.WRITE_REQUEST_NONCE_FIELD)));
    }

    // "SMB 3.1.1 Encryption in Windows 10" (Microsoft Open Specifications blog), Appendix A.1 (AES-128-GCM)
    @Test
    void smb311BlogVectorAes128Gcm() throws Exception {
        Smb2MessageCipher decryptor = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM,
                Smb311BlogVectors.SERVER_DECRYPTION_KEY);
        Smb2MessageCipher encryptor = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM,
                Smb311BlogVectors.SERVER_ENCRYPTION_KEY);
        long sessionId = Smb311BlogVectors.SESSION_ID;

        assertArrayEquals(Smb311BlogVectors.WRITE_REQUEST,
                decryptor.decrypt(Smb311BlogVectors.WRITE_REQUEST_TRANSFORMED));
        assertArrayEquals(Smb311BlogVectors.READ_REQUEST,
                decryptor.decrypt(Smb311BlogVectors.READ_REQUEST_TRANSFORMED));
        assertEquals(hex(Smb311BlogVectors.WRITE_RESPONSE_TRANSFORMED), hex(encryptor.encryptWithNonceField(
                Smb311BlogVectors.WRITE_RESPONSE, sessionId, Smb311BlogVectors.WRITE_RESPONSE_NONCE_FIELD)));
        // the blog's GCM nonces have a zero tail, so the public 12-byte-nonce API reproduces them too
        assertEquals(hex(Smb311BlogVectors.READ_RESPONSE_TRANSFORMED), hex(encryptor.encrypt(
                Smb311BlogVectors.READ_RESPONSE, sessionId,
                Arrays.copyOf(Smb311BlogVectors.READ_RESPONSE_NONCE_FIELD, 12))));
    }

    // Wycheproof aes_ccm_test.json, group ivSize=88 keySize=256 tagSize=128, tcId 334
    @Test
    void aes256CcmMatchesWycheproof() throws Exception {
        byte[] key = bytes("60d6841e9e6218a2c8605a7794e74fb215dcf3a70a0015d497ed16564f2a83a0");
        byte[] nonce = bytes("4c93f591af92f16596554e");
        byte[] aad = bytes("7cb0eb9aa21fe859");
        byte[] msg = bytes("c0d1e635586b0ef835c01479a32175a3");
        byte[] expected = bytes("0c266113544d7a901ce721e1ead6d8f9", "8a149eaa05c8722b2663c345a6a5418c");
        AeadCipher ccm = AeadCipher.of(Smb2Cipher.AES_256_CCM);
        assertArrayEquals(expected, ccm.seal(key, nonce, aad, msg, 0, msg.length));
        assertArrayEquals(msg, ccm.open(key, nonce, aad, expected, 0, expected.length));
    }

    // NIST GCM vectors (McGrew & Viega, "The Galois/Counter Mode of Operation", test case 14, AES-256) and
    // Wycheproof aes_gcm_test.json (ivSize=96 keySize=256 tagSize=128, tcId 101)
    @Test
    void aes256GcmMatchesNistAndWycheproof() throws Exception {
        AeadCipher gcm = AeadCipher.of(Smb2Cipher.AES_256_GCM);
        byte[] sealed = gcm.seal(new byte[32], new byte[12], new byte[0], new byte[16], 0, 16);
        assertEquals("CEA7403D4D606B6E074EC5D3BAF39D18" + "D0D1C8A799996BF0265B98B5D48AB919", hex(sealed));

        byte[] key = bytes("cdccfe3f46d782ef47df4e72f0c02d9c7f774def970d23486f11a57f54247f17");
        byte[] nonce = bytes("376187894605a8d45e30de51");
        byte[] aad = bytes("956846a209e087ed");
        byte[] msg = bytes("e28e0e9f9d22463ac0e42639b530f42102fded75");
        byte[] expected = bytes("feca44952447015b5df1f456df8ca4bb4eee2ce2", "082e91924deeb77880e1b1c84f9b8d30");
        assertArrayEquals(expected, gcm.seal(key, nonce, aad, msg, 0, msg.length));
        assertArrayEquals(msg, gcm.open(key, nonce, aad, expected, 0, expected.length));
    }

    @Test
    void everyCipherRoundTripsAndBuildsTheTransformHeaderTheSpecDescribes() throws Exception {
        byte[] message = Smb2SignerTest.message(0x0008, 0, 99);
        for (Smb2Cipher cipher : Smb2Cipher.values()) {
            Smb2MessageCipher messageCipher = new Smb2MessageCipher(cipher, key(cipher));
            byte[] transformed = messageCipher.encrypt(message, SESSION_ID);

            assertEquals(Smb2TransformHeader.STRUCTURE_SIZE + message.length, transformed.length);
            Smb2TransformHeader header = decodeHeader(transformed);
            assertEquals(message.length, header.originalMessageSize());
            assertEquals(0x0001, header.flags());
            assertEquals(0, header.reserved());
            assertEquals(SESSION_ID, header.sessionId());
            byte[] nonceTail = Arrays.copyOfRange(header.nonce(), cipher.nonceLength(), 16);
            assertArrayEquals(new byte[16 - cipher.nonceLength()], nonceTail, cipher + " nonce padding");
            assertFalse(Arrays.equals(message, Arrays.copyOfRange(transformed, 52, transformed.length)));

            assertArrayEquals(message, messageCipher.decrypt(transformed), cipher.toString());
        }
    }

    @Test
    void eachEncryptionTakesAFreshNonce() {
        byte[] message = Smb2SignerTest.message(0x0008, 0, 99);
        Smb2MessageCipher messageCipher = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, key(Smb2Cipher.AES_128_GCM));
        byte[] first = messageCipher.encrypt(message, SESSION_ID);
        byte[] second = messageCipher.encrypt(message, SESSION_ID);
        assertNotEquals(hex(decodeHeader(first).nonce()), hex(decodeHeader(second).nonce()));
        assertNotEquals(hex(first), hex(second));

        Smb2NonceGenerator nonces = new Smb2NonceGenerator(Smb2Cipher.AES_128_CCM);
        byte[] n1 = nonces.next();
        byte[] n2 = nonces.next();
        assertEquals(11, n1.length);
        assertEquals(1, n1[0]);
        assertEquals(2, n2[0]);
        assertArrayEquals(Arrays.copyOfRange(n1, 8, 11), Arrays.copyOfRange(n2, 8, 11));
    }

    @Test
    void anyFlippedByteOfCiphertextTagNonceOrAssociatedDataIsRejected() {
        byte[] message = Smb2SignerTest.message(0x0009, 0, 7);
        for (Smb2Cipher cipher : Smb2Cipher.values()) {
            Smb2MessageCipher messageCipher = new Smb2MessageCipher(cipher, key(cipher));
            byte[] transformed = messageCipher.encrypt(message, SESSION_ID);
            // 4..19 tag, 20..35 nonce (incl. its reserved tail), 40..41 Reserved, 44..51 SessionId, 52.. ciphertext
            for (int position : new int[] {4, 19, 20, 20 + cipher.nonceLength() - 1, 35, 40, 44, 51, 52, 100,
                    transformed.length - 1}) {
                byte[] tampered = transformed.clone();
                tampered[position] ^= 0x40;
                Smb2DecryptionException e = assertThrows(Smb2DecryptionException.class,
                        () -> messageCipher.decrypt(tampered), cipher + " accepted a flip at " + position);
                assertTrue(e.getCause() instanceof AEADBadTagException, cipher + " at " + position);
            }
        }
    }

    @Test
    void anotherKeyCannotDecrypt() {
        byte[] message = Smb2SignerTest.message(0x0009, 0, 7);
        for (Smb2Cipher cipher : Smb2Cipher.values()) {
            byte[] otherKey = key(cipher);
            otherKey[0] ^= 1;
            byte[] transformed = new Smb2MessageCipher(cipher, key(cipher)).encrypt(message, SESSION_ID);
            assertThrows(Smb2DecryptionException.class,
                    () -> new Smb2MessageCipher(cipher, otherKey).decrypt(transformed));
        }
    }

    @Test
    void rejectsSizesThatDisagreeWithOriginalMessageSize() {
        Smb2MessageCipher messageCipher = new Smb2MessageCipher(Smb2Cipher.AES_128_CCM, key(Smb2Cipher.AES_128_CCM));
        byte[] transformed = messageCipher.encrypt(Smb2SignerTest.message(0x0009, 0, 7), SESSION_ID);

        byte[] trailingByte = Arrays.copyOf(transformed, transformed.length + 1);
        assertThrows(Smb2DecryptionException.class, () -> messageCipher.decrypt(trailingByte));
        byte[] missingByte = Arrays.copyOf(transformed, transformed.length - 1);
        assertThrows(Smb2DecryptionException.class, () -> messageCipher.decrypt(missingByte));
        byte[] biggerClaim = transformed.clone();
        biggerClaim[36]++;
        Smb2DecryptionException e = assertThrows(Smb2DecryptionException.class,
                () -> messageCipher.decrypt(biggerClaim));
        assertTrue(e.getMessage().contains("OriginalMessageSize"), e.getMessage());
        byte[] hugeClaim = transformed.clone();
        hugeClaim[39] = (byte) 0xFF;
        assertThrows(Smb2DecryptionException.class, () -> messageCipher.decrypt(hugeClaim));
    }

    @Test
    void rejectsTruncatedAndForeignHeadersAndOtherFlags() {
        Smb2MessageCipher messageCipher = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, key(Smb2Cipher.AES_128_GCM));
        byte[] transformed = messageCipher.encrypt(Smb2SignerTest.message(0x0009, 0, 7), SESSION_ID);
        for (int length = 0; length <= Smb2TransformHeader.STRUCTURE_SIZE; length++) {
            byte[] truncated = Arrays.copyOf(transformed, length);
            assertThrows(Smb2DecryptionException.class, () -> messageCipher.decrypt(truncated), "length " + length);
        }
        byte[] plainSmb2 = transformed.clone();
        plainSmb2[0] = (byte) 0xFE;
        assertThrows(Smb2DecryptionException.class, () -> messageCipher.decrypt(plainSmb2));
        byte[] compressed = transformed.clone();
        compressed[42] = 0x02;
        assertThrows(Smb2DecryptionException.class, () -> messageCipher.decrypt(compressed));
        // a header that claims less than an SMB2 header of plaintext is refused before any decryption
        byte[] tiny = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, key(Smb2Cipher.AES_128_GCM))
                .encryptWithNonceField(new byte[64], SESSION_ID, new byte[16]);
        byte[] tinyClaim = Arrays.copyOf(tiny, 52 + 63);
        tinyClaim[36] = 63;
        assertThrows(Smb2DecryptionException.class, () -> messageCipher.decrypt(tinyClaim));
    }

    @Test
    void rejectsWrongKeyAndNonceLengthsAndShortMessages() {
        assertThrows(IllegalArgumentException.class, () -> new Smb2MessageCipher(Smb2Cipher.AES_128_CCM, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new Smb2MessageCipher(Smb2Cipher.AES_256_GCM, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, new byte[0]));
        Smb2MessageCipher gcm = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, key(Smb2Cipher.AES_128_GCM));
        byte[] message = Smb2SignerTest.message(0x0009, 0, 7);
        assertThrows(IllegalArgumentException.class, () -> gcm.encrypt(message, SESSION_ID, new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> gcm.encrypt(message, SESSION_ID, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> gcm.encrypt(new byte[63], SESSION_ID));
        assertFalse(gcm.toString().contains(hex(key(Smb2Cipher.AES_128_GCM)).substring(0, 8)));
    }

    @Test
    void byteBufVariantsLeaveTheInputIndicesAlone() throws Exception {
        Smb2MessageCipher messageCipher = new Smb2MessageCipher(Smb2Cipher.AES_256_CCM, key(Smb2Cipher.AES_256_CCM));
        byte[] message = Smb2SignerTest.message(0x0009, 0, 7);
        ByteBuf plain = Unpooled.directBuffer().writeBytes(message);
        ByteBuf transformed = messageCipher.encrypt(plain, SESSION_ID);
        assertEquals(0, plain.readerIndex());

        ByteBuf framed = Unpooled.buffer().writeZero(4).writeBytes(transformed);
        framed.readerIndex(4);
        assertArrayEquals(message, messageCipher.decrypt(framed));
        assertEquals(4, framed.readerIndex());
        plain.release();
    }

    private static Smb2TransformHeader decodeHeader(byte[] transformed) {
        try {
            return Smb2TransformHeader.decode(new io.cistern.smb.wire.WireReader(Unpooled.wrappedBuffer(transformed)));
        } catch (io.cistern.smb.wire.SmbWireException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] key(Smb2Cipher cipher) {
        byte[] key = new byte[cipher.keyLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0xA0 + i + cipher.id());
        }
        return key;
    }
}
