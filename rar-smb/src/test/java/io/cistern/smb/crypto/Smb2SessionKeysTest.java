package io.cistern.smb.crypto;

import static io.cistern.smb.TestHex.bytes;
import static io.cistern.smb.TestHex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.security.jce.derivationfunction.CounterDerivationParameters;
import com.hierynomus.security.jce.derivationfunction.KDFCounterHMacSHA256;
import com.hierynomus.smbj.connection.SMBSessionBuilder;
import io.cistern.smb.wire.Smb2Dialect;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Smb2SessionKeysTest {
    // "Encryption in SMB 3.0: A protocol perspective", Microsoft Open Specifications blog (2012-10-05),
    // section "Test vector". The blog names keys from the client's side: its EncryptionKey is the server's
    // DecryptionKey and vice versa.
    private static final byte[] BLOG30_SESSION_KEY = bytes("B4546771B515F766A86735532DD6C4F0");

    // "SMB 3.1.1 Encryption in Windows 10", Microsoft Open Specifications blog (2015-09-09), Appendix A.1
    private static final byte[] BLOG311_SESSION_KEY = bytes("419FDDF34C1E001909D362AE7FB6AF79");
    static final byte[] BLOG311_PREAUTH_HASH = bytes(
            "B23F3CBFD69487D9832B79B1594A367CDD950909B774C3A4C412B4FCEA9EDDDBA7DB256BA2EA30E9",
            "77F11F9B113247578E0E915C6D2A513B8F2FCA5707DC8770");

    @Test
    void smb30KeysMatchTheEncryptionBlogVector() {
        Smb2SessionKeys keys = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_0, Smb2Cipher.AES_128_CCM,
                BLOG30_SESSION_KEY, null);
        assertEquals("F773CD23C18FD1E08EE510CADA7CF852", hex(keys.signingKey()));
        assertEquals("261B72350558F2E9DCF613070383EDBF", hex(keys.serverDecryptionKey()));
        assertEquals("8FE2B57EC34D2DB5B1A9727F526BBDB5", hex(keys.serverEncryptionKey()));
        assertEquals("77432F808CE99156B5BC6A3676D730D1", hex(keys.applicationKey()));
    }

    // "SMB 2 and SMB 3 security in Windows 10: the anatomy of signing and cryptographic keys", Microsoft Open
    // Specifications blog, Appendix "Key derivation example for SMB 3.0 multichannel"
    @Test
    void smb30KeysMatchTheAnatomyBlogMultichannelVector() {
        Smb2SessionKeys main = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_0, Smb2Cipher.AES_128_CCM,
                bytes("7CD451825D0450D235424E44BA6E78CC"), null);
        assertEquals("0B7E9C5CAC36C0F6EA9AB275298CEDCE", hex(main.signingKey()));
        assertEquals("FAD27796665B313EBB578F388632B4F7", hex(main.serverDecryptionKey()));
        assertEquals("B0F0427F7CEB416D1D9DCC0CD4F99447", hex(main.serverEncryptionKey()));
        assertEquals("BB23A4575AA26C721AF525AF15A87B4F", hex(main.applicationKey()));

        // the bound channel's own authentication yields Channel.SigningKey
        Smb2SessionKeys channel = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_0_2, null,
                bytes("4E01A2B313BCF660CC250BEF021AEDE6"), null);
        assertEquals("BA1A17DBBFEC349BCA105563D598952F", hex(channel.signingKey()));
        assertTrue(channel.cipher().isEmpty());
    }

    @Test
    void smb311KeysMatchTheEncryptionBlogVector() {
        Smb2SessionKeys keys = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_128_GCM,
                BLOG311_SESSION_KEY, BLOG311_PREAUTH_HASH);
        assertEquals("8765949DFEAEE105CE9118B45BE988F0", hex(keys.signingKey()));
        assertEquals("A2F5E80E5D59103034F32E52F698E5EC", hex(keys.serverDecryptionKey()));
        assertEquals("748C50868C90F302962A5C35F5F9A8BF", hex(keys.serverEncryptionKey()));
        assertEquals("099D610789FBE82055B313601C3E8CC4", hex(keys.applicationKey()));
        assertEquals(Optional.of(Smb2Cipher.AES_128_GCM), keys.cipher());
    }

    // anatomy blog, Appendix "Key derivation example for SMB 3.1.1 multichannel": master session, then the
    // second channel's signing key from that channel's own session key and pre-auth hash
    @Test
    void smb311KeysMatchTheAnatomyBlogMultichannelVector() {
        Smb2SessionKeys main = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_128_GCM,
                bytes("270E1BA896585EEB7AF3472D3B4C75A7"), bytes(
                        "0DD13628CC3ED218EF9DF9772D436D0887AB9814BFAE63A80AA845F36909DB7928622DDDAD522D97",
                        "51640A459762C5A9D6BB084CBB3CE6BDADEF5D5BCE3C6C01"));
        assertEquals("73FE7A9A77BEF0BDE49C650D8CCB5F76", hex(main.signingKey()));
        assertEquals("629BCBC54422A0F572B97F45989B6073", hex(main.serverDecryptionKey()));
        assertEquals("E2AF0DCEFAC68DA71A0DFBD0D1350D74", hex(main.serverEncryptionKey()));
        assertEquals("6D7AD7954E9EC61E907B4D473DC178FF", hex(main.applicationKey()));

        Smb2SessionKeys channel = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, null,
                bytes("84B9DBB730116A8FA6E9889555C265F9"), bytes(
                        "EA3BF912B11CBFEC5B1889E8209614218687F82FA5294521AD3063425E49E88A10BD022124CE2512",
                        "3BC9111F52D9566BA88BF46344E6063DC5E3FF0389026F6C"));
        assertEquals("C962BCA1A9DD1697B030644199705431", hex(channel.signingKey()));
    }

    @Test
    void smb2xSignsWithThePaddedOrTruncatedSessionKey() {
        Smb2SessionKeys keys = Smb2SessionKeys.derive(Smb2Dialect.SMB_2_1, null, bytes("0102030405"), null);
        assertEquals("01020304050000000000000000000000", hex(keys.signingKey()));
        assertEquals("01020304050000000000000000000000", hex(keys.applicationKey()));
        assertTrue(keys.cipher().isEmpty());
        assertThrows(IllegalStateException.class, keys::serverEncryptionKey);

        byte[] kerberosKey = bytes("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        Smb2SessionKeys truncated = Smb2SessionKeys.derive(Smb2Dialect.SMB_2_0_2, null, kerberosKey, null);
        assertEquals("000102030405060708090A0B0C0D0E0F", hex(truncated.signingKey()));
    }

    // No published vector covers AES-256 key derivation; this pins the [MS-SMB2] 3.3.5.5.3 rules instead:
    // L=256 from Session.FullSessionKey for the cipher keys, 128-bit signing and application keys from
    // Session.SessionKey. The reference values come from smbj's own SP800-108 implementation.
    @Test
    void aes256CipherKeysAre256BitsFromTheFullSessionKey() {
        byte[] fullKey = bytes("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        byte[] hash = BLOG311_PREAUTH_HASH;
        for (Smb2Cipher cipher : new Smb2Cipher[] {Smb2Cipher.AES_256_CCM, Smb2Cipher.AES_256_GCM}) {
            Smb2SessionKeys keys = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, cipher, fullKey, hash);
            assertArrayEquals(smbjKdf(fullKey, Smb2SessionKeys.LABEL_CLIENT_TO_SERVER_311, hash, 256),
                    keys.serverDecryptionKey());
            assertArrayEquals(smbjKdf(fullKey, Smb2SessionKeys.LABEL_SERVER_TO_CLIENT_311, hash, 256),
                    keys.serverEncryptionKey());
            byte[] sessionKey = Arrays.copyOf(fullKey, 16);
            assertArrayEquals(smbjKdf(sessionKey, Smb2SessionKeys.LABEL_SIGNING_311, hash, 128), keys.signingKey());
            assertArrayEquals(smbjKdf(sessionKey, Smb2SessionKeys.LABEL_APPLICATION_311, hash, 128),
                    keys.applicationKey());
        }
    }

    @Test
    void onlyTheCipherKeysDependOnTheSecondHalfOfTheFullSessionKey() {
        byte[] fullKey = bytes("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        byte[] otherTail = fullKey.clone();
        otherTail[31] ^= 1;
        Smb2SessionKeys a = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_256_GCM, fullKey,
                BLOG311_PREAUTH_HASH);
        Smb2SessionKeys b = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_256_GCM, otherTail,
                BLOG311_PREAUTH_HASH);
        assertArrayEquals(a.signingKey(), b.signingKey());
        assertArrayEquals(a.applicationKey(), b.applicationKey());
        assertFalse(Arrays.equals(a.serverEncryptionKey(), b.serverEncryptionKey()));
        assertFalse(Arrays.equals(a.serverDecryptionKey(), b.serverDecryptionKey()));

        // with a 128-bit cipher the tail is ignored entirely
        Smb2SessionKeys c = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_128_CCM, fullKey,
                BLOG311_PREAUTH_HASH);
        Smb2SessionKeys d = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_128_CCM, otherTail,
                BLOG311_PREAUTH_HASH);
        assertArrayEquals(c.serverEncryptionKey(), d.serverEncryptionKey());
        assertEquals(16, c.serverEncryptionKey().length);
        assertEquals(32, a.serverEncryptionKey().length);
    }

    // smbj's SMBSessionBuilder holds its own copies of the labels and contexts; they must be ours byte for byte
    @Test
    void labelsAndContextsEqualSmbjs() throws Exception {
        assertArrayEquals(smbjConstant("KDF_SIGN_LABEL"), Smb2SessionKeys.LABEL_SIGNING_30);
        assertArrayEquals(smbjConstant("KDF_SIGN_CONTEXT"), Smb2SessionKeys.CONTEXT_SIGNING_30);
        assertArrayEquals(smbjConstant("KDF_ENCDEC_LABEL"), Smb2SessionKeys.LABEL_CIPHER_30);
        assertArrayEquals(smbjConstant("KDF_ENC_CONTEXT"), Smb2SessionKeys.CONTEXT_SERVER_IN_30);
        assertArrayEquals(smbjConstant("KDF_DEC_CONTEXT"), Smb2SessionKeys.CONTEXT_SERVER_OUT_30);
        assertArrayEquals(smbjConstant("KDF_APP_LABEL"), Smb2SessionKeys.LABEL_APPLICATION_30);
        assertArrayEquals(smbjConstant("KDF_APP_CONTEXT"), Smb2SessionKeys.CONTEXT_APPLICATION_30);
        assertArrayEquals(smbjConstant("KDF_SIGN_LABEL_SMB311"), Smb2SessionKeys.LABEL_SIGNING_311);
        // smbj's client encrypts with "SMBC2SCipherKey": the key the server decrypts with
        assertArrayEquals(smbjConstant("KDF_ENC_LABEL_SMB311"), Smb2SessionKeys.LABEL_CLIENT_TO_SERVER_311);
        assertArrayEquals(smbjConstant("KDF_DEC_LABEL_SMB311"), Smb2SessionKeys.LABEL_SERVER_TO_CLIENT_311);
        assertArrayEquals(smbjConstant("KDF_APP_LABEL_SMB311"), Smb2SessionKeys.LABEL_APPLICATION_311);
    }

    // smbj's own SP800-108 implementation (KDFCounterHMacSHA256), fed smbj's labels, derives the same keys
    @Test
    void smbjsKdfDerivesTheSameSmb30AndSmb311Keys() throws Exception {
        byte[] key = bytes("6C3A7F2B9E41D8053C7A2F9B1E4D6A80");
        Smb2SessionKeys k30 = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_0_2, Smb2Cipher.AES_128_CCM, key, null);
        assertArrayEquals(smbjKdf(key, smbjConstant("KDF_SIGN_LABEL"), smbjConstant("KDF_SIGN_CONTEXT"), 128),
                k30.signingKey());
        assertArrayEquals(smbjKdf(key, smbjConstant("KDF_ENCDEC_LABEL"), smbjConstant("KDF_ENC_CONTEXT"), 128),
                k30.serverDecryptionKey());
        assertArrayEquals(smbjKdf(key, smbjConstant("KDF_ENCDEC_LABEL"), smbjConstant("KDF_DEC_CONTEXT"), 128),
                k30.serverEncryptionKey());

        Smb2SessionKeys k311 = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_128_CCM, key,
                BLOG311_PREAUTH_HASH);
        assertArrayEquals(smbjKdf(key, smbjConstant("KDF_SIGN_LABEL_SMB311"), BLOG311_PREAUTH_HASH, 128),
                k311.signingKey());
        assertArrayEquals(smbjKdf(key, smbjConstant("KDF_ENC_LABEL_SMB311"), BLOG311_PREAUTH_HASH, 128),
                k311.serverDecryptionKey());
        assertArrayEquals(smbjKdf(key, smbjConstant("KDF_DEC_LABEL_SMB311"), BLOG311_PREAUTH_HASH, 128),
                k311.serverEncryptionKey());
    }

    @Test
    void rejectsCombinationsTheSpecDoesNotHave() {
        byte[] key = new byte[16];
        assertThrows(IllegalArgumentException.class,
                () -> Smb2SessionKeys.derive(Smb2Dialect.SMB_3_0, Smb2Cipher.AES_128_GCM, key, null));
        assertThrows(IllegalArgumentException.class,
                () -> Smb2SessionKeys.derive(Smb2Dialect.SMB_2_1, Smb2Cipher.AES_128_CCM, key, null));
        assertThrows(IllegalArgumentException.class,
                () -> Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, Smb2Cipher.AES_128_GCM, key, null));
        assertThrows(IllegalArgumentException.class,
                () -> Smb2SessionKeys.derive(Smb2Dialect.SMB_3_1_1, null, key, new byte[32]));
        assertThrows(IllegalArgumentException.class,
                () -> Smb2SessionKeys.derive(Smb2Dialect.SMB_2_WILDCARD, null, key, null));
        assertThrows(IllegalArgumentException.class,
                () -> Smb2SessionKeys.derive(Smb2Dialect.SMB_3_0, null, new byte[0], null));
    }

    @Test
    void keysAreCopiesNeverPrintedAndCanBeWiped() {
        Smb2SessionKeys keys = Smb2SessionKeys.derive(Smb2Dialect.SMB_3_0, Smb2Cipher.AES_128_CCM,
                BLOG30_SESSION_KEY, null);
        keys.signingKey()[0] ^= 1;
        assertEquals("F773CD23C18FD1E08EE510CADA7CF852", hex(keys.signingKey()));
        assertFalse(keys.toString().toUpperCase().contains("F773CD23"));
        keys.destroy();
        assertArrayEquals(new byte[16], keys.signingKey());
        assertArrayEquals(new byte[16], keys.serverEncryptionKey());
    }

    static byte[] smbjConstant(String name) throws ReflectiveOperationException {
        Field field = SMBSessionBuilder.class.getDeclaredField(name);
        field.setAccessible(true);
        return (byte[]) field.get(null);
    }

    /** smbj's counter-mode KDF with the [MS-SMB2] 3.1.4.2 fixed input: label || 0x00 || context || [L]32. */
    static byte[] smbjKdf(byte[] key, byte[] label, byte[] context, int bits) {
        try {
            byte[] suffix = Sp800108KdfTest.concat(label, new byte[] {0}, context,
                    new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
            KDFCounterHMacSHA256 kdf = new KDFCounterHMacSHA256();
            kdf.init(new CounterDerivationParameters(key, suffix, 32));
            byte[] out = new byte[bits / 8];
            kdf.generateBytes(out, 0, out.length);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
