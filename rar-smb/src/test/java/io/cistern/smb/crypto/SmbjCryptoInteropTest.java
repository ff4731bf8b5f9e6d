package io.cistern.smb.crypto;

import io.cistern.smb.TestHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2Packet;
import com.hierynomus.mssmb2.SMB2PacketData;
import com.hierynomus.mssmb2.SMB3EncryptedPacketData;
import com.hierynomus.mssmb2.SMB3EncryptionCipher;
import com.hierynomus.mssmb2.messages.SMB2Echo;
import com.hierynomus.security.SecurityProvider;
import com.hierynomus.security.bc.BCSecurityProvider;
import com.hierynomus.smb.SMBBuffer;
import com.hierynomus.smbj.common.SMBRuntimeException;
import com.hierynomus.smbj.connection.PacketEncryptor;
import com.hierynomus.smbj.connection.PacketSignatory;
import io.cistern.smb.wire.Smb2Dialect;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The same operations done by smbj 0.14.0, an SMB client written independently of this code: what one
 * side signs or encrypts, the other verifies or decrypts. smbj implements HMAC-SHA256 and AES-CMAC
 * signing and AES-128-CCM/GCM encryption; it has neither AES-GMAC nor the AES-256 ciphers.
 */
class SmbjCryptoInteropTest {
    private static final SecurityProvider BC = new BCSecurityProvider();
    private static final byte[] KEY = TestHex.bytes("5F1A2B3C4D5E6F708192A3B4C5D6E7F8");
    private static final long SESSION_ID = 0x0000_1000_0000_0061L;

    @Test
    void smbjVerifiesWhatWeSign() throws Exception {
        PacketSignatory smbj = smbjSignatory();
        for (Smb2Signer ours : new Smb2Signer[] {Smb2Signers.forDialect(Smb2Dialect.SMB_2_1, null, KEY),
                Smb2Signers.forDialect(Smb2Dialect.SMB_3_0, null, KEY)}) {
            SecretKey key = smbjKey(ours);
            byte[] message = Smb2SignerTest.message(0x0009, 0x0000_0009, 11);
            ours.sign(message);
            assertTrue(smbj.verify(new SMB2PacketData(message), key), ours.toString());

            byte[] tampered = message.clone();
            tampered[70] ^= 1;
            assertFalse(smbj.verify(new SMB2PacketData(tampered), key), ours.toString());
        }
    }

    @Test
    void weVerifyWhatSmbjSigns() throws Exception {
        PacketSignatory smbj = smbjSignatory();
        for (Smb2Signer ours : new Smb2Signer[] {Smb2Signers.forDialect(Smb2Dialect.SMB_2_1, null, KEY),
                Smb2Signers.forDialect(Smb2Dialect.SMB_3_1_1, null, KEY)}) {
            SMB2Echo echo = echo(SMB2Dialect.SMB_3_1_1, 23);
            byte[] signed = write(smbj.sign(echo, smbjKey(ours)));
            assertTrue(ours.verify(signed), ours.toString());

            byte[] tampered = signed.clone();
            tampered[signed.length - 1] ^= 1;
            assertFalse(ours.verify(tampered), ours.toString());
        }
    }

    @Test
    void smbjDecryptsWhatWeEncrypt() throws Exception {
        for (Smb2Cipher cipher : new Smb2Cipher[] {Smb2Cipher.AES_128_CCM, Smb2Cipher.AES_128_GCM}) {
            byte[] message = Smb2SignerTest.message(0x0008, 0x0000_0001, 31);
            byte[] transformed = new Smb2MessageCipher(cipher, KEY).encrypt(message, SESSION_ID);

            PacketEncryptor smbj = smbjEncryptor(cipher);
            SecretKey key = new SecretKeySpec(KEY, "AES");
            assertArrayEquals(message, smbj.decrypt(new SMB3EncryptedPacketData(transformed), key), cipher.toString());

            byte[] tampered = transformed.clone();
            tampered[60] ^= 1;
            assertThrows(SMBRuntimeException.class, () -> smbj.decrypt(new SMB3EncryptedPacketData(tampered), key));
        }
    }

    @Test
    void weDecryptWhatSmbjEncrypts() throws Exception {
        for (Smb2Cipher cipher : new Smb2Cipher[] {Smb2Cipher.AES_128_CCM, Smb2Cipher.AES_128_GCM}) {
            SMB2Echo echo = echo(SMB2Dialect.SMB_3_1_1, 41);
            byte[] plain = write(echo(SMB2Dialect.SMB_3_1_1, 41));
            byte[] transformed = write(smbjEncryptor(cipher).encrypt(echo, new SecretKeySpec(KEY, "AES")));

            Smb2MessageCipher ours = new Smb2MessageCipher(cipher, KEY);
            assertArrayEquals(plain, ours.decrypt(transformed), cipher.toString());

            byte[] tampered = Arrays.copyOf(transformed, transformed.length);
            tampered[24] ^= 1;
            assertThrows(Smb2DecryptionException.class, () -> ours.decrypt(tampered));
        }
    }

    private static SMB2Echo echo(SMB2Dialect dialect, long messageId) {
        SMB2Echo echo = new SMB2Echo(dialect);
        echo.getHeader().setMessageId(messageId);
        echo.getHeader().setSessionId(SESSION_ID);
        return echo;
    }

    private static byte[] write(SMB2Packet packet) {
        SMBBuffer buffer = new SMBBuffer();
        packet.write(buffer);
        return buffer.getCompactData();
    }

    private static SecretKey smbjKey(Smb2Signer signer) {
        return new SecretKeySpec(KEY, signer.algorithm() == Smb2SigningAlgorithm.HMAC_SHA256 ? "HmacSHA256"
                : "AesCmac");
    }

    // smbj's signatory has a package-private constructor; the class itself is public
    private static PacketSignatory smbjSignatory() throws ReflectiveOperationException {
        Constructor<PacketSignatory> constructor = PacketSignatory.class.getDeclaredConstructor(SecurityProvider.class);
        constructor.setAccessible(true);
        return constructor.newInstance(BC);
    }

    private static PacketEncryptor smbjEncryptor(Smb2Cipher cipher) {
        PacketEncryptor encryptor = new PacketEncryptor(BC);
        encryptor.setCipher(cipher == Smb2Cipher.AES_128_CCM ? SMB3EncryptionCipher.AES_128_CCM
                : SMB3EncryptionCipher.AES_128_GCM);
        return encryptor;
    }
}
