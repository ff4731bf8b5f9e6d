package io.cistern.smb.server;

import io.cistern.smb.SettableClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.smbj.auth.AuthenticationContext;
import io.cistern.smb.auth.SmbjNtlmClient;
import io.cistern.smb.crypto.HmacSha256Signer;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2LogoffRequest;
import io.cistern.smb.wire.Smb2NegotiateRequest;
import io.cistern.smb.wire.Smb2SessionSetupRequest;
import io.cistern.smb.wire.Smb2SessionSetupResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SESSION_SETUP, LOGOFF, session verification and signing on one connection, with smbj's client-side NTLM
 * making the tokens and the session key the server's signatures are checked against.
 */
class SessionSetupHandlerTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "correct horse";

    private final RecordingListener listener = new RecordingListener();
    private final SettableClock clock = new SettableClock(Instant.now());
    private final ServerLogonContext logon = new ServerLogonContext(
            new LogonFailureThrottle(clock, 5, Duration.ofMinutes(1)), new SmbSessionStats(),
            ServerLogonContext.DEFAULT_TARGET_NAMES, clock, Duration.ofMinutes(30), new SecureRandom());
    private final SmbTestConnection connection = new SmbTestConnection(listener, logon);
    private final EmbeddedChannel channel = connection.channel;

    private record LoggedOn(long sessionId, byte[] sessionKey, Response last) {
    }

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    @Test
    void theRightPasswordMakesAValidSessionInTwoRounds() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        negotiate(Smb2NegotiateRequest.of(1, 0, SmbRequests.CLIENT_GUID, List.of(0x0202)));
        SmbjNtlmClient client = SmbjNtlmClient.forUser(USER, PASSWORD, "WORKGROUP");

        Response challenge = sessionSetup(0, 0, client.negTokenInit(), 0);
        assertEquals(NtStatus.STATUS_MORE_PROCESSING_REQUIRED, challenge.status());
        long sessionId = challenge.header().sessionId();
        assertNotEquals(0, sessionId, "a new session gets an id");
        assertTrue(listener.accountLookups.isEmpty(), "no lookup before the AUTHENTICATE");

        Response done = sessionSetup(sessionId, 0, client.negTokenTarg(challenge.sessionSetup().securityBuffer()), 0);
        assertEquals(NtStatus.STATUS_SUCCESS, done.status());
        assertEquals(sessionId, done.header().sessionId());
        assertEquals(0, done.sessionSetup().sessionFlags());
        assertEquals(0, done.header().flags() & Smb2Header.FLAGS_SIGNED, "no signing asked for, none done");
        assertEquals(List.of("alice@WORKGROUP"), listener.accountLookups);
        assertEquals(1, logon.stats().logonsSucceeded());

        assertEquals(NtStatus.STATUS_SUCCESS, send(request(Smb2Command.ECHO, sessionId, 0)).status(),
                "a valid session reaches the command's handler");
    }

    @Test
    void rawNtlmsspWithoutSpnegoIsAcceptedToo() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        negotiateDefault();
        SmbjNtlmClient client = SmbjNtlmClient.forUser(USER, PASSWORD, "WORKGROUP");
        Response challenge = sessionSetup(0, 0, client.ntlmNegotiate(), 0);
        assertEquals(NtStatus.STATUS_MORE_PROCESSING_REQUIRED, challenge.status());
        byte[] rawChallenge = challenge.sessionSetup().securityBuffer();
        assertArrayEquals("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(rawChallenge, 8),
                "answered in the client's framing");
        Response done = sessionSetup(challenge.header().sessionId(), 0, client.ntlmAuthenticate(rawChallenge), 0);
        assertEquals(NtStatus.STATUS_SUCCESS, done.status());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameStatusAndLoseTheSession() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        negotiateDefault();
        for (SmbjNtlmClient client : List.of(SmbjNtlmClient.forUser(USER, "wrong", "WORKGROUP"),
                SmbjNtlmClient.forUser("mallory", PASSWORD, "WORKGROUP"))) {
            Response challenge = sessionSetup(0, 0, client.negTokenInit(), 0);
            long sessionId = challenge.header().sessionId();
            Response refused = sessionSetup(sessionId, 0,
                    client.negTokenTarg(challenge.sessionSetup().securityBuffer()), 0);
            assertEquals(NtStatus.STATUS_LOGON_FAILURE, refused.status());
            assertEquals(NtStatus.STATUS_USER_SESSION_DELETED, send(request(Smb2Command.LOGOFF, sessionId, 0))
                    .status(), "the failed session is gone");
        }
        assertEquals(2, logon.stats().logonFailures());
        assertEquals(0, logon.stats().logonsSucceeded());
        assertTrue(channel.isOpen());
    }

    @Test
    void anonymousGetsANullSessionWithoutAnAccountLookup() throws Exception {
        negotiateDefault();
        Response admitted = logOnAs(AuthenticationContext.anonymous());
        assertEquals(NtStatus.STATUS_SUCCESS, admitted.status());
        assertEquals(Smb2SessionSetupResponse.FLAG_IS_NULL, admitted.sessionSetup().sessionFlags());
        assertFalse(admitted.header().isSigned(), "a null session has no key to sign with");
        assertEquals(0, logon.stats().anonymousRefused());
        assertTrue(listener.accountLookups.isEmpty());
    }

    @Test
    void theGuestNameWithoutSuchAnAccountGetsAGuestSession() throws Exception {
        negotiateDefault();
        Response admitted = logOnAs(new AuthenticationContext("Guest", "anything".toCharArray(), "WORKGROUP"));
        assertEquals(NtStatus.STATUS_SUCCESS, admitted.status());
        assertEquals(Smb2SessionSetupResponse.FLAG_IS_GUEST, admitted.sessionSetup().sessionFlags());
        assertEquals(0, logon.stats().logonFailures(), "a guest logon is no failure");
    }

    @Test
    void aRealGuestAccountWithAWrongPasswordIsALogonFailure() throws Exception {
        listener.addAccount("guest", "its own password", 1005);
        negotiateDefault();
        assertEquals(NtStatus.STATUS_LOGON_FAILURE,
                logOnAs(new AuthenticationContext("guest", "wrong".toCharArray(), "WORKGROUP")).status());
    }

    @Test
    void anotherUnknownNameIsNoGuest() throws Exception {
        negotiateDefault();
        assertEquals(NtStatus.STATUS_LOGON_FAILURE,
                logOnAs(new AuthenticationContext("mallory", "".toCharArray(), "WORKGROUP")).status());
    }

    @Test
    void anonymousIsRefusedWhenTheServerRequiresSigning() throws Exception {
        listener.signingRequired = true;
        negotiateDefault();
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, logOnAs(AuthenticationContext.anonymous()).status());
        assertEquals(1, logon.stats().anonymousRefused());
    }

    /** The two SESSION_SETUP rounds of {@code context}; the last response. */
    private Response logOnAs(AuthenticationContext context) throws Exception {
        SmbjNtlmClient client = new SmbjNtlmClient(context);
        Response challenge = sessionSetup(0, 0, client.negTokenInit(), 0);
        return sessionSetup(challenge.header().sessionId(), 0,
                client.negTokenTarg(challenge.sessionSetup().securityBuffer()), 0);
    }

    @Test
    void afterFiveFailuresTheAddressIsRefusedWithoutALookupForTheRestOfTheMinute() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        negotiateDefault();
        for (int i = 0; i < 5; i++) {
            assertEquals(NtStatus.STATUS_LOGON_FAILURE, logOn(USER, "wrong " + i).last().status());
        }
        int lookups = listener.accountLookups.size();
        Response throttled = sessionSetup(0, 0, SmbjNtlmClient.forUser(USER, PASSWORD, "").negTokenInit(), 0);
        assertEquals(NtStatus.STATUS_LOGON_FAILURE, throttled.status(), "even the right password, at once");
        assertEquals(lookups, listener.accountLookups.size(), "the application was not asked");
        assertEquals(1, logon.stats().logonsThrottled());

        clock.advance(Duration.ofSeconds(61));
        assertEquals(NtStatus.STATUS_SUCCESS, logOn(USER, PASSWORD).last().status(), "the minute is over");
    }

    @Test
    void signingRequiredByTheServerSignsTheFinalResponseAndDemandsSignedRequests() throws Exception {
        listener.signingRequired = true;
        listener.addAccount(USER, PASSWORD, 1000);
        negotiateDefault();
        LoggedOn session = logOn(USER, PASSWORD);
        assertEquals(NtStatus.STATUS_SUCCESS, session.last().status());
        assertTrue(session.last().header().isSigned(), "3.3.5.5.3: the final response of a signing session");
        assertTrue(session.last().signatureVerifies(session.sessionKey()), "signed with smbj's session key");

        Response unsigned = send(request(Smb2Command.ECHO, session.sessionId(), 0));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, unsigned.status());

        Response signed = send(signed(request(Smb2Command.ECHO, session.sessionId(), 0),
                session.sessionKey()));
        assertEquals(NtStatus.STATUS_SUCCESS, signed.status(), "past the session checks");
        assertTrue(signed.header().isSigned() && signed.signatureVerifies(session.sessionKey()));
    }

    @Test
    void signingRequestedInTheClientsSecurityModeIsHonouredToo() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        negotiateDefault();
        LoggedOn session = logOn(USER, PASSWORD, Smb2SessionSetupRequest.SIGNING_REQUIRED);
        assertTrue(session.last().header().isSigned() && session.last().signatureVerifies(session.sessionKey()));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED,
                send(request(Smb2Command.ECHO, session.sessionId(), 0)).status());
    }

    @Test
    void aTamperedSignatureIsRefusedAndTheSessionSurvives() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        negotiateDefault();
        LoggedOn session = logOn(USER, PASSWORD);
        byte[] good = signed(request(Smb2Command.ECHO, session.sessionId(), 0), session.sessionKey());

        byte[] badSignature = good.clone();
        badSignature[4 + Smb2Header.STRUCTURE_SIZE - 1] ^= 1;        // last signature byte
        Response refused = send(badSignature);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, refused.status());
        assertFalse(refused.header().isSigned(), "a request whose signature failed gets no signed answer");

        byte[] badBody = signed(request(Smb2Command.ECHO, session.sessionId(), 0), session.sessionKey());
        badBody[badBody.length - 1] ^= 1;                              // a signed byte after the header
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, send(badBody).status());

        byte[] wrongKey = signed(request(Smb2Command.ECHO, session.sessionId(), 0), new byte[16]);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, send(wrongKey).status());

        Response accepted = send(signed(request(Smb2Command.ECHO, session.sessionId(), 0),
                session.sessionKey()));
        assertEquals(NtStatus.STATUS_SUCCESS, accepted.status());
        assertTrue(accepted.signatureVerifies(session.sessionKey()), "a signed request gets a signed response");
    }

    @Test
    void logoffEndsTheSessionAndItsIdIsDeletedAfterwards() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        negotiateDefault();
        LoggedOn first = logOn(USER, PASSWORD);
        LoggedOn second = logOn(USER, PASSWORD);
        assertNotEquals(first.sessionId(), second.sessionId(), "a second session on the same connection");

        Response logoff = send(signed(request(Smb2Command.LOGOFF, first.sessionId(), 0), first.sessionKey()));
        assertEquals(NtStatus.STATUS_SUCCESS, logoff.status());
        assertEquals(Smb2Command.LOGOFF, logoff.header().command());
        assertTrue(logoff.signatureVerifies(first.sessionKey()), "signed with the key of the session it ended");
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED,
                send(request(Smb2Command.ECHO, first.sessionId(), 0)).status());
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED,
                send(request(Smb2Command.LOGOFF, first.sessionId(), 0)).status());
        assertEquals(NtStatus.STATUS_SUCCESS,
                send(request(Smb2Command.ECHO, second.sessionId(), 0)).status(), "the other lives on");
    }

    @Test
    void requestsWithoutAKnownSessionAreDeleted() throws Exception {
        negotiateDefault();
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED, send(request(Smb2Command.TREE_CONNECT, 0, 0)).status());
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED, send(request(Smb2Command.CREATE, 0x1234, 0)).status());
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED, sessionSetup(0x1234, 0,
                SmbjNtlmClient.forUser(USER, PASSWORD, "").negTokenInit(), 0).status());
    }

    @Test
    void anInProgressSessionAllowsLogoffButNothingElse() throws Exception {
        negotiateDefault();
        Response challenge = sessionSetup(0, 0, SmbjNtlmClient.forUser(USER, PASSWORD, "").negTokenInit(), 0);
        long sessionId = challenge.header().sessionId();
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED,
                send(request(Smb2Command.ECHO, sessionId, 0)).status());
        assertEquals(NtStatus.STATUS_SUCCESS, send(request(Smb2Command.LOGOFF, sessionId, 0)).status());
    }

    @Test
    void reauthenticationKeepsTheSessionAndItsKey() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        listener.signingRequired = true;
        negotiateDefault();
        LoggedOn session = logOn(USER, PASSWORD);
        SmbjNtlmClient again = SmbjNtlmClient.forUser(USER, PASSWORD, "WORKGROUP");
        Response challenge = send(signed(sessionSetupRequest(session.sessionId(), again.negTokenInit(), 0),
                session.sessionKey()));
        assertEquals(NtStatus.STATUS_MORE_PROCESSING_REQUIRED, challenge.status());
        assertEquals(session.sessionId(), challenge.header().sessionId());
        Response done = send(signed(sessionSetupRequest(session.sessionId(),
                again.negTokenTarg(challenge.sessionSetup().securityBuffer()), 0), session.sessionKey()));
        assertEquals(NtStatus.STATUS_SUCCESS, done.status());
        assertTrue(done.signatureVerifies(session.sessionKey()), "still the first session key");
        assertEquals(NtStatus.STATUS_SUCCESS, send(signed(request(Smb2Command.ECHO,
                session.sessionId(), 0), session.sessionKey())).status());
    }

    @Test
    void reauthenticationAsAnotherUserEndsTheSession() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        listener.addAccount("bob", "bobs password", 1001);
        negotiateDefault();
        LoggedOn session = logOn(USER, PASSWORD);
        SmbjNtlmClient bob = SmbjNtlmClient.forUser("bob", "bobs password", "WORKGROUP");
        Response challenge = sessionSetup(session.sessionId(), 0, bob.negTokenInit(), 0);
        Response refused = sessionSetup(session.sessionId(), 0,
                bob.negTokenTarg(challenge.sessionSetup().securityBuffer()), 0);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, refused.status());
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED,
                send(request(Smb2Command.ECHO, session.sessionId(), 0)).status());
    }

    @Test
    void malformedRequestsAndBusyOrFailingApplicationsGetErrors() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        negotiateDefault();
        Response outOfRange = send(frame(message(header(Smb2Command.SESSION_SETUP, 0, 0), body -> body
                .writeShortLE(25).writeByte(0).writeByte(1).writeIntLE(0).writeIntLE(0)
                .writeShortLE(88).writeShortLE(100).writeLongLE(0).writeZero(10))));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, outOfRange.status());

        connection.executorAccepts = false;
        assertEquals(NtStatus.STATUS_INSUFFICIENT_RESOURCES,
                sessionSetup(0, 0, SmbjNtlmClient.forUser(USER, PASSWORD, "").negTokenInit(), 0).status());
        connection.executorAccepts = true;

        listener.accountFailure = new IllegalStateException("database down");
        assertEquals(NtStatus.STATUS_INTERNAL_ERROR, logOn(USER, PASSWORD).last().status());
        assertEquals(0, logon.stats().logonFailures(), "the client is not blamed for the database");
        assertTrue(channel.isOpen());
    }

    @Test
    void garbledTokensAreLogonFailuresNeverInternalErrors() throws Exception {
        listener.addAccount(USER, PASSWORD, 1000);
        negotiateDefault();
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 300; i++) {
            clock.advance(Duration.ofMinutes(2));                     // keep the throttle out of the way
            SmbjNtlmClient client = SmbjNtlmClient.forUser(USER, PASSWORD, "WORKGROUP");
            byte[] init = i % 2 == 0 ? client.negTokenInit() : client.ntlmNegotiate();
            boolean garbleFirst = random.nextBoolean();
            Response first = sessionSetup(0, 1, garbleFirst ? garble(init, random) : init, 0);
            if (first.status() != NtStatus.STATUS_MORE_PROCESSING_REQUIRED) {
                assertEquals(NtStatus.STATUS_LOGON_FAILURE, first.status(), "iteration " + i);
                continue;
            }
            byte[] challenge = first.sessionSetup().securityBuffer();
            byte[] answer = i % 2 == 0 ? client.negTokenTarg(challenge) : client.ntlmAuthenticate(challenge);
            Response last = sessionSetup(first.header().sessionId(), 1, garble(answer, random), 0);
            assertTrue(last.status() == NtStatus.STATUS_LOGON_FAILURE
                    || last.status() == NtStatus.STATUS_MORE_PROCESSING_REQUIRED
                    || last.status() == NtStatus.STATUS_SUCCESS, "iteration " + i + ": " + NtStatus.hex(last.status()));
            if (last.status() == NtStatus.STATUS_MORE_PROCESSING_REQUIRED) {
                send(request(Smb2Command.LOGOFF, first.header().sessionId(), 0));
            }
        }
        assertTrue(channel.isOpen());
    }

    /** The token with a few random bytes changed, or cut short. */
    private static byte[] garble(byte[] token, java.util.Random random) {
        byte[] garbled = token.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
            garbled[random.nextInt(garbled.length)] = (byte) random.nextInt(256);
        }
        return random.nextInt(4) == 0 ? Arrays.copyOf(garbled, random.nextInt(garbled.length)) : garbled;
    }

    @Test
    void aSignedNegotiateIsAnInvalidParameter() throws Exception {
        ByteBuf negotiate = message(header(Smb2Command.NEGOTIATE, 0, Smb2Header.FLAGS_SIGNED),
                Smb2NegotiateRequest.of(1, 0, SmbRequests.CLIENT_GUID, List.of(0x0202))::encode);
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(frame(negotiate)).status());
    }

    // --- a client, by hand

    private void negotiateDefault() throws Exception {
        negotiate(Smb2NegotiateRequest.of(1, 0, SmbRequests.CLIENT_GUID, List.of(0x0202)));
    }

    private void negotiate(Smb2NegotiateRequest request) throws Exception {
        Response response = send(frame(message(header(Smb2Command.NEGOTIATE, 0, 0), request::encode)));
        assertEquals(NtStatus.STATUS_SUCCESS, response.status());
    }

    private LoggedOn logOn(String user, String password) throws Exception {
        return logOn(user, password, Smb2SessionSetupRequest.SIGNING_ENABLED);
    }

    /** Both rounds with smbj's NTLM; the last response is whatever the server answered the AUTHENTICATE with. */
    private LoggedOn logOn(String user, String password, int securityMode) throws Exception {
        SmbjNtlmClient client = SmbjNtlmClient.forUser(user, password, "WORKGROUP");
        Response challenge = sessionSetup(0, securityMode, client.negTokenInit(), 0);
        if (challenge.status() != NtStatus.STATUS_MORE_PROCESSING_REQUIRED) {
            return new LoggedOn(0, null, challenge);
        }
        long sessionId = challenge.header().sessionId();
        Response last = sessionSetup(sessionId, securityMode,
                client.negTokenTarg(challenge.sessionSetup().securityBuffer()), 0);
        return new LoggedOn(sessionId, client.sessionKey(), last);
    }

    private Response sessionSetup(long sessionId, int securityMode, byte[] token, int flags) throws Exception {
        return send(sessionSetupRequest(sessionId, token, securityMode));
    }

    private ByteBuf sessionSetupRequest(long sessionId, byte[] token, int securityMode) {
        return frame(message(header(Smb2Command.SESSION_SETUP, sessionId, 0),
                new Smb2SessionSetupRequest(0, securityMode, 0, 0, 0, token)::encode));
    }

    /** A request whose body is only a StructureSize of 4 and two reserved bytes: a LOGOFF or an ECHO. */
    private ByteBuf request(int command, long sessionId, int flags) {
        return frame(message(header(command, sessionId, flags), Smb2LogoffRequest.INSTANCE::encode));
    }

    private Smb2Header header(int command, long sessionId, int flags) {
        return connection.header(command, sessionId, flags, 0);
    }

    private static ByteBuf message(Smb2Header header, Consumer<ByteBuf> body) {
        return SmbTestConnection.message(header, body);
    }

    private static ByteBuf frame(ByteBuf message) {
        return SmbTestConnection.frame(message);
    }

    /** The signed request as bytes, for the tests that tamper with it. */
    private static byte[] signed(ByteBuf framed, byte[] key) {
        ByteBuf signed = SmbTestConnection.signed(framed, key);
        byte[] bytes = ByteBufUtil.getBytes(signed);
        signed.release();
        return bytes;
    }

    private Response send(byte[] framed) throws Exception {
        return send(Unpooled.wrappedBuffer(framed));
    }

    private Response send(ByteBuf request) throws Exception {
        return connection.send(request);
    }
}
