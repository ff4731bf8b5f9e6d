package io.cistern.smb.auth;

import io.cistern.smb.SettableClock;
import io.cistern.smb.TestHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.spnego.NegTokenTarg;
import io.cistern.smb.auth.NegTokenResp.NegState;
import io.cistern.smb.auth.NtlmAuthResult.FailureReason;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whole SESSION_SETUP security-buffer exchanges: smbj's SPNEGO client against {@link SpnegoNtlmAcceptor}. */
class SpnegoNtlmAcceptorTest {
    private static final String NTLM = SpnegoMechanism.NTLMSSP.oid();
    private static final String MS_KRB5 = "1.2.840.48018.1.2.2";

    private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T12:00:00Z"));

    private SpnegoNtlmAcceptor acceptor() {
        NtHashLookup lookup = (user, domain) -> Optional.ofNullable(SmbjNtlmInteropTest.ACCOUNTS.get(user))
                .map(byte[]::clone);
        return new SpnegoNtlmAcceptor(new NtlmServerExchange(SmbjNtlmInteropTest.NAMES, lookup, new SecureRandom(),
                clock, Duration.ofMinutes(30)));
    }

    @Test
    void smbjCompletesTheSpnegoExchange() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        SpnegoNtlmAcceptor acceptor = acceptor();

        SpnegoNtlmAcceptor.Step first = acceptor.accept(client.negTokenInit());
        assertFalse(first.isComplete());
        NegTokenResp challenge = NegTokenResp.decode(first.token());
        assertEquals(NegState.ACCEPT_INCOMPLETE, challenge.negState());
        assertEquals(NTLM, challenge.supportedMech());
        ChallengeMessage.decode(challenge.responseToken());

        SpnegoNtlmAcceptor.Step last = acceptor.accept(client.negTokenTarg(first.token()));
        NtlmAuthResult.Authenticated result = assertInstanceOf(NtlmAuthResult.Authenticated.class, last.result());
        assertArrayEquals(client.sessionKey(), result.exportedSessionKey());
        assertEquals(BigInteger.ZERO, new NegTokenTarg().read(last.token()).getNegotiationResult());
        assertNull(NegTokenResp.decode(last.token()).mechListMic(), "no client MIC, so no server MIC");
        assertThrows(IllegalStateException.class, () -> acceptor.accept(last.token()));
    }

    @Test
    void wrongPasswordEndsInReject() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "wrong", "CISTERN");
        SpnegoNtlmAcceptor acceptor = acceptor();
        byte[] challenge = acceptor.accept(client.negTokenInit()).token();
        SpnegoNtlmAcceptor.Step last = acceptor.accept(client.negTokenTarg(challenge));
        SmbjNtlmInteropTest.assertFailure(FailureReason.WRONG_PASSWORD, last.result());
        assertEquals(BigInteger.TWO, new NegTokenTarg().read(last.token()).getNegotiationResult());
    }

    @Test
    void clientMechListMicIsVerifiedAndAnswered() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        SpnegoNtlmAcceptor acceptor = acceptor();
        byte[] init = client.negTokenInit();
        byte[] challenge = acceptor.accept(init).token();
        byte[] authenticate = NegTokenResp.decode(client.negTokenTarg(challenge)).responseToken();
        int flags = AuthenticateMessage.decode(authenticate).negotiateFlags();
        byte[] mechTypes = NegTokenInit.decode(init).mechTypesDer();
        byte[] clientMic = new NtlmSessionSecurity(client.sessionKey(), flags,
                NtlmSessionSecurity.Direction.CLIENT_TO_SERVER).sign(mechTypes);

        SpnegoNtlmAcceptor.Step last = acceptor.accept(new NegTokenResp(null, null, authenticate, clientMic).encode());
        assertInstanceOf(NtlmAuthResult.Authenticated.class, last.result());
        NegTokenResp completed = NegTokenResp.decode(last.token());
        assertEquals(NegState.ACCEPT_COMPLETED, completed.negState());
        assertNotNull(completed.mechListMic());
        assertTrue(new NtlmSessionSecurity(client.sessionKey(), flags, NtlmSessionSecurity.Direction.SERVER_TO_CLIENT)
                .verify(mechTypes, completed.mechListMic()), "server MIC checks out under server-to-client keys");
    }

    @Test
    void tamperedMechListMicIsRejected() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        SpnegoNtlmAcceptor acceptor = acceptor();
        byte[] init = client.negTokenInit();
        byte[] authenticate = NegTokenResp.decode(client.negTokenTarg(acceptor.accept(init).token())).responseToken();
        int flags = AuthenticateMessage.decode(authenticate).negotiateFlags();
        byte[] mic = new NtlmSessionSecurity(client.sessionKey(), flags,
                NtlmSessionSecurity.Direction.CLIENT_TO_SERVER).sign(NegTokenInit.decode(init).mechTypesDer());
        mic[6] ^= 0x40;
        SpnegoNtlmAcceptor.Step last = acceptor.accept(new NegTokenResp(null, null, authenticate, mic).encode());
        SmbjNtlmInteropTest.assertFailure(FailureReason.MECH_LIST_MIC_INVALID, last.result());
        assertEquals(NegState.REJECT, NegTokenResp.decode(last.token()).negState());
    }

    @Test
    void ntlmAsSecondChoiceIsSelectedAndThenRequiresTheMechListMic() throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser("alice", "correct horse", "CISTERN");
        byte[] ntlmNegotiate = client.ntlmNegotiate();
        NegTokenInit init = new NegTokenInit(List.of(MS_KRB5, NTLM), new byte[] {0x60, 0x00}, null);
        SpnegoNtlmAcceptor acceptor = acceptor();

        NegTokenResp select = NegTokenResp.decode(acceptor.accept(init.encode()).token());
        assertEquals(NegState.REQUEST_MIC, select.negState());
        assertEquals(NTLM, select.supportedMech());
        assertNull(select.responseToken(), "the optimistic Kerberos token is not answered");

        byte[] challenge = acceptor.accept(new NegTokenResp(null, null, ntlmNegotiate, null).encode()).token();
        byte[] authenticate = NegTokenResp.decode(client.negTokenTarg(challenge)).responseToken();
        SpnegoNtlmAcceptor.Step last = acceptor.accept(new NegTokenResp(null, null, authenticate, null).encode());
        SmbjNtlmInteropTest.assertFailure(FailureReason.MECH_LIST_MIC_INVALID, last.result());
    }

    @Test
    void noCommonMechanismIsRejected() {
        NegTokenInit kerberosOnly = new NegTokenInit(List.of(MS_KRB5), new byte[] {0x60, 0x00}, null);
        SpnegoNtlmAcceptor.Step step = acceptor().accept(kerberosOnly.encode());
        SmbjNtlmInteropTest.assertFailure(FailureReason.NO_COMMON_MECHANISM, step.result());
    }

    @Test
    void garbageSecurityBufferIsAMalformedRejectNotAnException() throws Exception {
        SpnegoNtlmAcceptor.Step step = acceptor().accept(TestHex.bytes("deadbeef"));
        SmbjNtlmInteropTest.assertFailure(FailureReason.MALFORMED, step.result());
        assertEquals(NegState.REJECT, NegTokenResp.decode(step.token()).negState());
        SmbjNtlmInteropTest.assertFailure(FailureReason.MALFORMED, acceptor().accept(null).result());
    }
}
