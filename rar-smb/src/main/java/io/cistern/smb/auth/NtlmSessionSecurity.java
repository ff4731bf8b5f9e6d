package io.cistern.smb.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * NTLM session security for one direction with extended session security: the signing and sealing keys of
 * [MS-NLMP] 3.4.5.2 (SIGNKEY) and 3.4.5.3 (SEALKEY), the MAC of 3.4.4.2 and SEAL of 3.4.3. SPNEGO uses
 * the MAC for its mechListMIC ([MS-SPNG] 3.3.5.1); the sealing keystream must stay in step with the peer's, so
 * an instance is stateful: sequence number and RC4 handle advance with each message.
 *
 * <pre>
 * SignKey = MD5(ExportedSessionKey + "session key to {client-to-server|server-to-client} signing key magic constant\0")
 * SealKey = MD5(ExportedSessionKey + "session key to {...} sealing key magic constant\0")   (128-bit)
 * MAC     = 0x00000001 + RC4(Handle, HMAC_MD5(SignKey, SeqNum + Message)[0..7]) + SeqNum    (RC4 only if KEY_EXCH)
 * </pre>
 *
 * The NTLMv1 signature of 3.4.4.1 (no extended session security) is not implemented.
 */
public final class NtlmSessionSecurity {
    public static final int SIGNATURE_LENGTH = 16;

    /** Who sends the messages this instance signs or checks; picks the magic constants. */
    public enum Direction {
        CLIENT_TO_SERVER("client-to-server"),
        SERVER_TO_CLIENT("server-to-client");

        private final String magicName;

        Direction(String magicName) {
            this.magicName = magicName;
        }
    }

    /** SEAL's output: the encrypted message and its signature. */
    public record Sealed(byte[] message, byte[] signature) {
    }

    private final byte[] signingKey;
    private final Cipher sealingHandle;
    private final boolean keyExchange;
    private int sequenceNumber;

    /**
     * @throws IllegalArgumentException when NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY was not negotiated
     */
    public NtlmSessionSecurity(byte[] exportedSessionKey, int negotiateFlags, Direction direction) {
        if (!NegotiateFlags.isSet(negotiateFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            throw new IllegalArgumentException("NTLM session security without extended session security");
        }
        this.signingKey = signingKey(exportedSessionKey, direction);
        this.sealingHandle = NtlmCrypto.rc4Handle(sealingKey(exportedSessionKey, negotiateFlags, direction));
        this.keyExchange = NegotiateFlags.isSet(negotiateFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH);
    }

    /** SIGNKEY, [MS-NLMP] 3.4.5.2. */
    public static byte[] signingKey(byte[] exportedSessionKey, Direction direction) {
        return NtlmCrypto.md5(exportedSessionKey, magic(direction, "signing"));
    }

    /** SEALKEY, [MS-NLMP] 3.4.5.3, extended session security branch: 128, 56 or 40 bits of the key. */
    public static byte[] sealingKey(byte[] exportedSessionKey, int negotiateFlags, Direction direction) {
        int keyLength = NegotiateFlags.isSet(negotiateFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_128) ? 16
                : NegotiateFlags.isSet(negotiateFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_56) ? 7 : 5;
        return NtlmCrypto.md5(Arrays.copyOf(exportedSessionKey, keyLength), magic(direction, "sealing"));
    }

    /** MAC of [MS-NLMP] 3.4.4.2 over {@code message} with the next sequence number. */
    public byte[] sign(byte[] message) {
        return mac(message);
    }

    /** Checks a peer's signature, in constant time; the sequence number advances either way. */
    public boolean verify(byte[] message, byte[] signature) {
        byte[] expected = mac(message);
        return signature != null && MessageDigest.isEqual(expected, signature);
    }

    /** SEAL of [MS-NLMP] 3.4.3: encrypts with the sealing handle, then signs the plaintext. */
    public Sealed seal(byte[] message) {
        byte[] sealed = sealingHandle.update(message);
        return new Sealed(sealed == null ? new byte[0] : sealed, mac(message));
    }

    private byte[] mac(byte[] message) {
        byte[] seqNum = new byte[4];
        NtlmMessageWriter.putUInt32(seqNum, 0, sequenceNumber);
        byte[] checksum = Arrays.copyOf(NtlmCrypto.hmacMd5(signingKey, seqNum, message), 8);
        if (keyExchange) {
            checksum = sealingHandle.update(checksum);
        }
        byte[] signature = new byte[SIGNATURE_LENGTH];
        NtlmMessageWriter.putUInt32(signature, 0, 1);
        System.arraycopy(checksum, 0, signature, 4, 8);
        System.arraycopy(seqNum, 0, signature, 12, 4);
        sequenceNumber++;
        return signature;
    }

    private static byte[] magic(Direction direction, String purpose) {
        return ("session key to " + direction.magicName + " " + purpose + " key magic constant\0")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
