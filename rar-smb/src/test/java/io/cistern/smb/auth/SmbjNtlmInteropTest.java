package io.cistern.smb.auth;

import io.cistern.smb.SettableClock;
import io.cistern.smb.spi.NtHash;
import io.cistern.smb.TestHex;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_128;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_56;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_LM_KEY;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE;
import static io.cistern.smb.auth.NegotiateFlags.NTLM_NEGOTIATE_OEM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.smbj.auth.AuthenticationContext;
import io.cistern.smb.auth.NtlmAuthResult.FailureReason;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * smbj's client-side NTLM against {@link NtlmServerExchange}, in memory: smbj makes NEGOTIATE and AUTHENTICATE
 * from a user and password, the server checks them knowing only the NT hash. Tampering tests start from smbj's
 * genuine messages so that only the tampered field is wrong.
 */
class SmbjNtlmInteropTest {
    static final NtlmTargetNames NAMES = new NtlmTargetNames("CISTERN1", "CISTERN", "cistern1.example.org",
            "example.org");
    static final Map<String, byte[]> ACCOUNTS = Map.of("alice", NtHash.of("correct horse".toCharArray()));

    private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final List<String> lookedUp = new ArrayList<>();
    private final NtHashLookup lookup = (user, domain) -> {
        lookedUp.add(user + "@" + domain);
        return Optional.ofNullable(ACCOUNTS.get(user)).map(byte[]::clone);
    };

    private NtlmServerExchange exchange() {
        return new NtlmServerExchange(NAMES, lookup, new SecureRandom(), clock, Duration.ofMinutes(30));
    }

    @Test
    void rightPasswordAuthenticatesAndBothSidesHoldTheSameSessionKey() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        NtlmServerExchange server = exchange();
        byte[] challenge = server.challenge(client.ntlmNegotiate());
        NtlmAuthResult result = server.authenticate(client.ntlmAuthenticate(challenge));

        NtlmAuthResult.Authenticated authenticated = assertInstanceOf(NtlmAuthResult.Authenticated.class, result);
        assertEquals("alice", authenticated.userName());
        assertEquals("CISTERN", authenticated.domainName());
        assertNotNull(client.sessionKey());
        assertArrayEquals(client.sessionKey(), authenticated.exportedSessionKey());
        assertEquals(List.of("alice@CISTERN"), lookedUp);
        assertFalse(result.toString().contains(TestHex.lowerHex(client.sessionKey())), "toString leaks the key");
    }

    @Test
    void smbjSendsAMicAndTheServerCheckedIt() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        NtlmServerExchange server = exchange();
        byte[] authenticate = client.ntlmAuthenticate(server.challenge(client.ntlmNegotiate()));
        AuthenticateMessage decoded = AuthenticateMessage.decode(authenticate);
        assertNotNull(decoded.mic(), "smbj answers MsvAvTimestamp with a MIC");
        byte[] nt = decoded.ntChallengeResponse();
        AvPairList clientPairs = AvPairList.decode(java.util.Arrays.copyOfRange(nt, 44, nt.length));
        assertTrue((clientPairs.flags().orElseThrow() & AvPairList.AV_FLAG_MIC_PRESENT) != 0);

        authenticate[AuthenticateMessage.MIC_OFFSET + 3] ^= 0x01;
        assertFailure(FailureReason.MIC_MISMATCH, server.authenticate(authenticate));
    }

    @Test
    void micProtectsTheNegotiatedFlags() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        NtlmServerExchange server = exchange();
        byte[] authenticate = client.ntlmAuthenticate(server.challenge(client.ntlmNegotiate()));
        authenticate[60] &= (byte) ~NTLMSSP_NEGOTIATE_SIGN; // a downgrade an attacker in the middle would try
        assertFailure(FailureReason.MIC_MISMATCH, server.authenticate(authenticate));
    }

    @Test
    void micAnnouncedButRemovedIsRefused() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        NtlmServerExchange server = exchange();
        AuthenticateMessage genuine = AuthenticateMessage.decode(
                client.ntlmAuthenticate(server.challenge(client.ntlmNegotiate())));
        AuthenticateMessage withoutMic = new AuthenticateMessage(genuine.negotiateFlags(),
                genuine.lmChallengeResponse(), genuine.ntChallengeResponse(), genuine.domainName(),
                genuine.userName(), genuine.workstation(), genuine.encryptedRandomSessionKey(), genuine.version(), null);
        assertFailure(FailureReason.MIC_MISSING, server.authenticate(withoutMic.encode()));
    }

    @Test
    void wrongPasswordFails() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "wrong horse", "CISTERN");
        NtlmServerExchange server = exchange();
        NtlmAuthResult result = server.authenticate(client.ntlmAuthenticate(server.challenge(client.ntlmNegotiate())));
        assertFailure(FailureReason.WRONG_PASSWORD, result);
    }

    @Test
    void unknownUserFailsAfterTheLookupWasAsked() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("mallory", "whatever", "CISTERN");
        NtlmServerExchange server = exchange();
        NtlmAuthResult result = server.authenticate(client.ntlmAuthenticate(server.challenge(client.ntlmNegotiate())));
        assertFailure(FailureReason.UNKNOWN_USER, result);
        assertEquals(List.of("mallory@CISTERN"), lookedUp);
    }

    @Test
    void anonymousIsReportedAsAnonymousWithoutAskingTheLookup() throws Exception {
        SmbjNtlmClient client = new SmbjNtlmClient(AuthenticationContext.anonymous());
        NtlmServerExchange server = exchange();
        NtlmAuthResult result = server.authenticate(client.ntlmAuthenticate(server.challenge(client.ntlmNegotiate())));
        assertInstanceOf(NtlmAuthResult.Anonymous.class, result);
        assertTrue(lookedUp.isEmpty());
    }

    @Test
    void ntlmV1LengthResponseIsRefused() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        NtlmServerExchange server = exchange();
        AuthenticateMessage genuine = AuthenticateMessage.decode(
                client.ntlmAuthenticate(server.challenge(client.ntlmNegotiate())));
        AuthenticateMessage v1 = new AuthenticateMessage(genuine.negotiateFlags(), new byte[24], new byte[24],
                genuine.domainName(), genuine.userName(), genuine.workstation(), genuine.encryptedRandomSessionKey(),
                genuine.version(), null);
        assertFailure(FailureReason.NTLMV1_REFUSED, server.authenticate(v1.encode()));
    }

    @Test
    void authenticateLongAfterTheChallengeIsRefused() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        NtlmServerExchange server = exchange();
        byte[] authenticate = client.ntlmAuthenticate(server.challenge(client.ntlmNegotiate()));
        clock.advance(Duration.ofHours(2));
        assertFailure(FailureReason.TIMESTAMP_OUT_OF_RANGE, server.authenticate(authenticate));
    }

    @Test
    void challengeGrantsOnlyImplementedFlagsAndAnnouncesTheServer() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        ChallengeMessage challenge = ChallengeMessage.decode(exchange().challenge(client.ntlmNegotiate()));
        int flags = challenge.negotiateFlags();
        for (int expected : new int[] {NTLMSSP_NEGOTIATE_128, NTLMSSP_NEGOTIATE_KEY_EXCH,
                NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY, NTLMSSP_NEGOTIATE_SIGN, NTLMSSP_NEGOTIATE_UNICODE,
                NTLMSSP_NEGOTIATE_TARGET_INFO}) {
            assertTrue(NegotiateFlags.isSet(flags, expected), Integer.toHexString(expected));
        }
        assertFalse(NegotiateFlags.isSet(flags, NTLMSSP_NEGOTIATE_SEAL), "smbj did not ask for SEAL");
        assertEquals("CISTERN1", challenge.targetName());
        AvPairList info = challenge.targetInfo();
        assertEquals("CISTERN", info.string(AvPairList.MSV_AV_NB_DOMAIN_NAME).orElseThrow());
        assertEquals("cistern1.example.org", info.string(AvPairList.MSV_AV_DNS_COMPUTER_NAME).orElseThrow());
        assertEquals(NtlmServerExchange.fileTime(clock.instant()), info.timestamp().orElseThrow());
    }

    @Test
    void grantNeverIncludesLmKeyFiftySixBitOrOem() {
        int granted = NtlmServerExchange.grantFlags(0xFFFFFFFF);
        assertFalse(NegotiateFlags.isSet(granted, NTLMSSP_NEGOTIATE_LM_KEY));
        assertFalse(NegotiateFlags.isSet(granted, NTLMSSP_NEGOTIATE_56));
        assertFalse(NegotiateFlags.isSet(granted, NTLM_NEGOTIATE_OEM));
        assertTrue(NegotiateFlags.isSet(granted, NTLMSSP_NEGOTIATE_SEAL), "SEAL is granted when asked");
        assertTrue(NegotiateFlags.isSet(NtlmServerExchange.grantFlags(NTLM_NEGOTIATE_OEM), NTLMSSP_NEGOTIATE_UNICODE));
    }

    @Test
    void exchangeIsOneShotAndOrdered() throws Exception {
        NtlmServerExchange server = exchange();
        assertThrows(IllegalStateException.class, () -> server.authenticate(new byte[64]));
        server.challenge(SmbjNtlmClient.forUser("alice", "x", "D").ntlmNegotiate());
        assertFailure(FailureReason.MALFORMED, server.authenticate(new byte[] {1, 2, 3}));
        assertThrows(IllegalStateException.class, () -> server.authenticate(new byte[64]));
    }

    static void assertFailure(FailureReason expected, NtlmAuthResult result) {
        assertEquals(expected, assertInstanceOf(NtlmAuthResult.Failed.class, result).reason(), result.toString());
    }
}
