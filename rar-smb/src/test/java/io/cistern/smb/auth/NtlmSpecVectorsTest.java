package io.cistern.smb.auth;

import io.cistern.smb.spi.NtHash;
import io.cistern.smb.TestHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The published example of [MS-NLMP] 4.2.4 "NTLMv2 Authentication" (User "User", UserDom "Domain", Passwd
 * "Password", ServerChallenge 0123456789abcdef, ClientChallenge aaaaaaaaaaaaaaaa, Time 0, RandomSessionKey
 * 55..55), each intermediate asserted, plus the NT hash of 4.2.2.1.2 and the GSS_WrapEx example of 4.2.4.4.
 */
class NtlmSpecVectorsTest {
    static final String USER = "User";
    static final String DOMAIN = "Domain";
    static final byte[] SERVER_CHALLENGE = TestHex.bytes("0123456789abcdef");
    static final byte[] RANDOM_SESSION_KEY = TestHex.bytes("55555555555555555555555555555555");

    /** 4.2.4.3 CHALLENGE_MESSAGE. */
    static final byte[] CHALLENGE = TestHex.bytes("""
            4e544c4d53535000 02000000 0c000c00 38000000 33828ae2 0123456789abcdef 0000000000000000
            24002400 44000000 0600701700 00000f 530065007200760065007200
            02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000""");

    /** 4.2.4.3 AUTHENTICATE_MESSAGE. */
    static final byte[] AUTHENTICATE = TestHex.bytes("""
            4e544c4d53535000 03000000 18001800 6c000000 54005400 84000000 0c000c00 48000000
            08000800 54000000 10001000 5c000000 10001000 d8000000 358288e2 0501280a0000000f
            44006f006d00610069006e00 5500730065007200 43004f004d005000550054004500520
            086c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa
            68cd0ab851e51c96aabc927bebef6a1c
            0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000
            02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000 00000000
            c5dad2544fc9799094ce1ce90bc9d03e""");

    /** 4.2.4.1.3 temp. */
    static final byte[] TEMP = TestHex.bytes("""
            0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000
            02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000 00000000""");

    @Test
    void ntHashOfPasswordIsNtowfv1Example() {
        // [MS-NLMP] 4.2.2.1.2 NTOWFv1()
        assertEquals("a4f49c406510bdcab6824ee7c30fd852", TestHex.lowerHex(NtHash.of("Password".toCharArray())));
    }

    @Test
    void responseKeyNtIsNtowfv2Example() {
        // 4.2.4.1.1 NTOWFv2()
        byte[] responseKeyNt = NtlmCrypto.responseKeyNt(NtHash.of("Password".toCharArray()), USER, DOMAIN);
        assertEquals("0c868a403bfd7a93a3001ef22ef02e3f", TestHex.lowerHex(responseKeyNt));
    }

    @Test
    void ntProofStrSessionBaseKeyAndEncryptedSessionKeyMatchTheExample() throws Exception {
        byte[] responseKeyNt = NtlmCrypto.responseKeyNt(NtHash.of("Password".toCharArray()), USER, DOMAIN);
        AuthenticateMessage authenticate = AuthenticateMessage.decode(AUTHENTICATE);
        byte[] ntResponse = authenticate.ntChallengeResponse();
        assertArrayEquals(TEMP, Arrays.copyOfRange(ntResponse, 16, ntResponse.length), "4.2.4.1.3 temp");

        byte[] ntProofStr = NtlmCrypto.hmacMd5(responseKeyNt, SERVER_CHALLENGE, TEMP);
        assertEquals("68cd0ab851e51c96aabc927bebef6a1c", TestHex.lowerHex(ntProofStr), "4.2.4.2.2 NTLMv2 Response");
        assertArrayEquals(ntProofStr, Arrays.copyOf(ntResponse, 16));

        byte[] sessionBaseKey = NtlmCrypto.hmacMd5(responseKeyNt, ntProofStr);
        assertEquals("8de40ccadbc14a82f15cb0ad0de95ca3", TestHex.lowerHex(sessionBaseKey), "4.2.4.1.2 Session Base Key");
        assertEquals("c5dad2544fc9799094ce1ce90bc9d03e", TestHex.lowerHex(NtlmCrypto.rc4k(sessionBaseKey, RANDOM_SESSION_KEY)),
                "4.2.4.2.3 Encrypted Session Key");
        assertEquals("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa",
                TestHex.lowerHex(authenticate.lmChallengeResponse()), "4.2.4.2.1 LMv2 Response");
    }

    @Test
    void challengeMessageDecodesAndReencodesByteForByte() throws Exception {
        ChallengeMessage challenge = ChallengeMessage.decode(CHALLENGE);
        assertEquals(0xe28a8233, challenge.negotiateFlags());
        assertEquals("Server", challenge.targetName());
        assertArrayEquals(SERVER_CHALLENGE, challenge.serverChallenge());
        assertEquals(new NtlmVersion(6, 0, 6000, 15), challenge.version());
        assertEquals("Domain", challenge.targetInfo().string(AvPairList.MSV_AV_NB_DOMAIN_NAME).orElseThrow());
        assertEquals("Server", challenge.targetInfo().string(AvPairList.MSV_AV_NB_COMPUTER_NAME).orElseThrow());
        assertEquals(2, challenge.targetInfo().pairs().size());
        assertArrayEquals(CHALLENGE, challenge.encode());
    }

    @Test
    void authenticateMessageDecodesAndReencodesByteForByte() throws Exception {
        AuthenticateMessage authenticate = AuthenticateMessage.decode(AUTHENTICATE);
        assertEquals(0xe2888235, authenticate.negotiateFlags());
        assertEquals(USER, authenticate.userName());
        assertEquals(DOMAIN, authenticate.domainName());
        assertEquals("COMPUTER", authenticate.workstation());
        assertEquals(new NtlmVersion(5, 1, 2600, 15), authenticate.version());
        assertNull(authenticate.mic(), "the example's payload starts at 72: no MIC");
        assertEquals("c5dad2544fc9799094ce1ce90bc9d03e", TestHex.lowerHex(authenticate.encryptedRandomSessionKey()));
        assertArrayEquals(AUTHENTICATE, authenticate.encode());
    }

    @Test
    void verifierAcceptsTheExampleAndRecoversTheRandomSessionKey() throws Exception {
        NtlmV2Verifier verifier = new NtlmV2Verifier(Clock.systemUTC(), null, new SecureRandom());
        NtlmAuthResult result = verifier.verify(AuthenticateMessage.decode(AUTHENTICATE),
                new NtlmTranscript(new byte[0], CHALLENGE, AUTHENTICATE), SERVER_CHALLENGE,
                NtHash.of("Password".toCharArray()));
        NtlmAuthResult.Authenticated authenticated = assertInstanceOf(NtlmAuthResult.Authenticated.class, result);
        assertArrayEquals(RANDOM_SESSION_KEY, authenticated.exportedSessionKey());
        assertEquals("COMPUTER", authenticated.workstation());
    }

    @Test
    void exampleTimestampOfZeroIsRefusedWhenASkewLimitApplies() throws Exception {
        Clock now = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        NtlmV2Verifier verifier = new NtlmV2Verifier(now, Duration.ofMinutes(30), new SecureRandom());
        NtlmAuthResult result = verifier.verify(AuthenticateMessage.decode(AUTHENTICATE),
                new NtlmTranscript(new byte[0], CHALLENGE, AUTHENTICATE), SERVER_CHALLENGE,
                NtHash.of("Password".toCharArray()));
        assertEquals(NtlmAuthResult.FailureReason.TIMESTAMP_OUT_OF_RANGE,
                assertInstanceOf(NtlmAuthResult.Failed.class, result).reason());
    }

    @Test
    void signingAndSealingKeysAndWrapMatchGssWrapExExample() {
        // 4.2.4.4 GSS_WrapEx Examples, with the 4.2.4 challenge flags (KEY_EXCH, 128, ESS, SEAL, SIGN).
        int flags = 0xe28a8233;
        NtlmSessionSecurity.Direction client = NtlmSessionSecurity.Direction.CLIENT_TO_SERVER;
        assertEquals("4788dc861b4782f35d43fd98fe1a2d39",
                TestHex.lowerHex(NtlmSessionSecurity.signingKey(RANDOM_SESSION_KEY, client)));
        assertEquals("59f600973cc4960a25480a7c196e4c58",
                TestHex.lowerHex(NtlmSessionSecurity.sealingKey(RANDOM_SESSION_KEY, flags, client)));

        NtlmSessionSecurity.Sealed sealed = new NtlmSessionSecurity(RANDOM_SESSION_KEY, flags, client)
                .seal("Plaintext".getBytes(StandardCharsets.UTF_16LE));
        assertEquals("54e50165bf1936dc996020c1811b0f06fb5f", TestHex.lowerHex(sealed.message()));
        assertEquals("010000007fb38ec5c55d497600000000", TestHex.lowerHex(sealed.signature()));
    }
}
