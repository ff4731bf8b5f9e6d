package io.cistern.smb.auth;

import io.cistern.smb.spi.NtHash;
import io.cistern.smb.TestHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile and broken NTLMSSP input ends in {@link MalformedTokenException}, never another exception. */
class NtlmMalformedInputTest {
    private static final byte[] AUTHENTICATE = NtlmSpecVectorsTest.AUTHENTICATE;
    private static final byte[] CHALLENGE = NtlmSpecVectorsTest.CHALLENGE;

    @Test
    void negotiateRoundTripsWithVersionAndOemNames() throws Exception {
        NegotiateMessage negotiate = new NegotiateMessage(0xe2088297, "DOMAIN", "WORKSTATION",
                new NtlmVersion(10, 0, 19041, 15));
        NegotiateMessage decoded = NegotiateMessage.decode(negotiate.encode());
        assertEquals(negotiate, decoded);
        assertEquals(40 + 6 + 11, negotiate.encode().length);
    }

    @Test
    void wrongSignatureIsRefused() {
        byte[] message = AUTHENTICATE.clone();
        message[0] = 'X';
        assertMalformed(() -> AuthenticateMessage.decode(message), "signature");
    }

    @Test
    void wrongMessageTypeIsRefused() {
        assertMalformed(() -> AuthenticateMessage.decode(CHALLENGE), "MessageType");
        assertMalformed(() -> NegotiateMessage.decode(AUTHENTICATE), "MessageType");
        assertMalformed(() -> ChallengeMessage.decode(AUTHENTICATE), "MessageType");
    }

    @Test
    void everyTruncationIsRefused() {
        for (int length = 0; length < AUTHENTICATE.length; length++) {
            byte[] truncated = Arrays.copyOf(AUTHENTICATE, length);
            assertThrows(MalformedTokenException.class, () -> AuthenticateMessage.decode(truncated), "length " + length);
        }
        for (int length = 0; length < CHALLENGE.length; length++) {
            byte[] truncated = Arrays.copyOf(CHALLENGE, length);
            assertThrows(MalformedTokenException.class, () -> ChallengeMessage.decode(truncated), "length " + length);
        }
    }

    @Test
    void offsetPastTheEndIsRefused() {
        byte[] message = AUTHENTICATE.clone();
        NtlmMessageWriter.putUInt32(message, 20 + 4, 0xFFFFFFF0); // NtChallengeResponse BufferOffset
        assertMalformed(() -> AuthenticateMessage.decode(message), "outside");
    }

    @Test
    void hugeLengthIsRefused() {
        byte[] message = AUTHENTICATE.clone();
        NtlmMessageWriter.putUInt16(message, 20, 0xFFFF); // NtChallengeResponseLen
        assertMalformed(() -> AuthenticateMessage.decode(message), "longer than the allowed");
        byte[] withinLimitButPastEnd = AUTHENTICATE.clone();
        NtlmMessageWriter.putUInt16(withinLimitButPastEnd, 20, 0x1000);
        assertMalformed(() -> AuthenticateMessage.decode(withinLimitButPastEnd), "outside");
    }

    @Test
    void payloadOverlappingTheHeaderIsRefused() {
        byte[] message = AUTHENTICATE.clone();
        NtlmMessageWriter.putUInt32(message, 36 + 4, 8); // UserName pointing into the header
        assertMalformed(() -> AuthenticateMessage.decode(message), "outside");
    }

    @Test
    void overlongFieldIsRefused() {
        byte[] message = Arrays.copyOf(AUTHENTICATE, AUTHENTICATE.length + 2000);
        NtlmMessageWriter.putUInt16(message, 36, 2000);
        NtlmMessageWriter.putUInt32(message, 36 + 4, AUTHENTICATE.length);
        assertMalformed(() -> AuthenticateMessage.decode(message), "longer than the allowed");
    }

    @Test
    void oversizedMessageIsRefused() {
        byte[] message = Arrays.copyOf(AUTHENTICATE, 70_000);
        assertMalformed(() -> AuthenticateMessage.decode(message), "exceeds the limit");
        assertMalformed(() -> AuthenticateMessage.decode(null), "no bytes");
    }

    @Test
    void oddLengthUnicodeStringIsRefused() {
        byte[] message = AUTHENTICATE.clone();
        NtlmMessageWriter.putUInt16(message, 36, 7); // UserNameLen
        assertMalformed(() -> AuthenticateMessage.decode(message), "odd length");
    }

    @Test
    void avPairListsMustBeTerminatedAndInBounds() {
        assertMalformed(() -> AvPairList.decode(TestHex.bytes("02000c0044006f006d00610069006e00")), "without MsvAvEOL");
        assertMalformed(() -> AvPairList.decode(TestHex.bytes("0200ff7f4400")), "past the list's end");
        byte[] challenge = CHALLENGE.clone();
        challenge[challenge.length - 4] = 0x05; // EOL turned into a truncated MsvAvDnsTreeName
        assertMalformed(() -> ChallengeMessage.decode(challenge), "MsvAvEOL");
    }

    @Test
    void malformedNtlmV2ResponseIsAFailureNotAnException() throws Exception {
        AuthenticateMessage genuine = AuthenticateMessage.decode(AUTHENTICATE);
        byte[] nt = genuine.ntChallengeResponse();
        nt[nt.length - 8] = 0x09; // the EOL pair inside the response now claims bytes it does not have
        Arrays.fill(nt, nt.length - 7, nt.length, (byte) 0x7F);
        AuthenticateMessage broken = new AuthenticateMessage(genuine.negotiateFlags(), null, nt, "Domain", "User",
                "COMPUTER", genuine.encryptedRandomSessionKey(), null, null);
        NtlmAuthResult result = new NtlmV2Verifier(java.time.Clock.systemUTC(), null, new java.security.SecureRandom())
                .verify(broken, new NtlmTranscript(new byte[0], CHALLENGE, broken.encode()),
                        NtlmSpecVectorsTest.SERVER_CHALLENGE, NtHash.of("Password".toCharArray()));
        SmbjNtlmInteropTest.assertFailure(NtlmAuthResult.FailureReason.MALFORMED, result);
    }

    @Test
    void randomMutationsNeverEscapeAsUncheckedExceptions() {
        Random random = new Random(4242);
        int refused = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] message = (round % 2 == 0 ? AUTHENTICATE : CHALLENGE).clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                message[8 + random.nextInt(message.length - 8)] = (byte) random.nextInt(256);
            }
            try {
                if (round % 2 == 0) {
                    AuthenticateMessage.decode(message);
                } else {
                    ChallengeMessage.decode(message);
                }
            } catch (MalformedTokenException expected) {
                refused++;
            }
        }
        assertTrue(refused > 0, "some mutations must hit a check");
    }

    private static void assertMalformed(org.junit.jupiter.api.function.Executable decode, String messagePart) {
        MalformedTokenException e = assertThrows(MalformedTokenException.class, decode);
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
