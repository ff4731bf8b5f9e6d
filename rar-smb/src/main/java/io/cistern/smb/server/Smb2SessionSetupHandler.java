package io.cistern.smb.server;

import io.cistern.smb.auth.NtlmAuthResult;
import io.cistern.smb.crypto.PreauthIntegrityHash;
import io.cistern.smb.crypto.Smb2SessionKeys;
import io.cistern.smb.crypto.Smb2Signer;
import io.cistern.smb.crypto.Smb2Signers;
import io.cistern.smb.spi.SmbAccount;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2SessionSetupRequest;
import io.cistern.smb.wire.Smb2SessionSetupResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * SMB2 SESSION_SETUP, [MS-SMB2] 3.3.5.5, with NTLMv2 in SPNEGO or raw NTLMSSP ({@link SessionAuthentication}).
 * <ul>
 * <li>a body that is not a SESSION_SETUP request (2.2.5): STATUS_INVALID_PARAMETER;</li>
 * <li>SessionId 0 (3.3.5.5.1): a new InProgress session under a random id, answered with
 *     STATUS_MORE_PROCESSING_REQUIRED and the server's CHALLENGE; more than {@link SessionTable#MAX_SESSIONS} on
 *     one connection: STATUS_REQUEST_NOT_ACCEPTED;</li>
 * <li>a SessionId that is not in the table: STATUS_USER_SESSION_DELETED; a signature that does not verify:
 *     STATUS_ACCESS_DENIED ({@link SessionVerifier}); a step of the same session still running:
 *     STATUS_REQUEST_NOT_ACCEPTED;</li>
 * <li>an InProgress session continues its exchange (3.3.5.5.2); a Valid one starts a re-authentication, which
 *     keeps the session, its keys and its signing rule when it succeeds for the same account;</li>
 * <li>success (3.3.5.5.3): STATUS_SUCCESS with SessionFlags 0, or SMB2_SESSION_FLAG_ENCRYPT_DATA when the server
 *     requires encryption. Session.SessionKey is the NTLM
 *     ExportedSessionKey, which for 2.0.2 and 2.1 is also the signing key. Session.SigningRequired is set
 *     when the server requires signing, when the request's SecurityMode asks for it (3.3.5.5.3), or when the
 *     client's NEGOTIATE did (Connection.ClientSecurityMode; smbj announces its requirement only there); the
 *     final response is then signed, as 3.3.5.5.3 asks;</li>
 * <li>wrong password, unknown user, NTLMv1, malformed tokens: STATUS_LOGON_FAILURE, the same for all so that a
 *     client cannot tell them apart; the session is removed (3.3.5.5.3), the failure counted and logged at INFO
 *     with user name and client address only;</li>
 * <li>anonymous (null session) logons, and the name "guest" that no account has: a Valid session without keys
 *     and with SMB2_SESSION_FLAG_IS_NULL or _IS_GUEST, which may connect only to IPC$ and the shares that allow
 *     guests ({@link Smb2TreeConnectHandler}); STATUS_ACCESS_DENIED, the session removed, when the server
 *     requires signing or encryption, or as a re-authentication;</li>
 * <li>a client address with too many recent failures ({@link LogonFailureThrottle}): STATUS_LOGON_FAILURE at
 *     once, without asking the application;</li>
 * <li>re-authentication as another account: STATUS_ACCESS_DENIED and the session removed, since its opens
 *     would otherwise change owner.</li>
 * </ul>
 * The decode and the session table run on the event loop; each GSS step, which may ask the application for an
 * account ({@link SmbListener#accountForLogon}, a database read), runs on a request worker, and its outcome
 * is applied back on the event loop, which writes the response. A PreviousSessionId names a session the client
 * reconnects from (3.3.5.5.3): once the new one is established, the old one goes when it is a session of this
 * connection and of the same account (its opens are closed, a CHANGE_NOTIFY on them answers STATUS_NOTIFY_CLEANUP,
 * as smbtorture's smb2.notify.session-reconnect expects). Sessions do not outlive their connection yet, so a
 * session of another connection is already gone.
 */
final class Smb2SessionSetupHandler {
    private static final Logger LOG = Logger.getLogger(Smb2SessionSetupHandler.class.getName());
    private static final int MAX_LOGGED_NAME_LENGTH = 64;
    /** The user name that asks for a guest logon when no account has it. */
    static final String GUEST_NAME = "guest";

    private final SmbRequestExecutor executor;
    private final Smb2ResponseWriter writer;
    private final SessionVerifier verifier;
    private final ServerLogonContext logon;

    /** One SESSION_SETUP request on its way through a worker and back. */
    private record Attempt(Channel channel, SmbConnectionState state, SmbSession session, Smb2Header request,
                           boolean signingRequested, String clientAddress, long previousSessionId) {
    }

    Smb2SessionSetupHandler(SmbRequestExecutor executor, Smb2ResponseWriter writer, SessionVerifier verifier,
                            ServerLogonContext logon) {
        this.executor = executor;
        this.writer = writer;
        this.verifier = verifier;
        this.logon = logon;
    }

    /** Handles the request whose body starts at the reader's position; {@code message} is all of it. */
    void handle(Channel channel, SmbConnectionState state, Smb2Header header, WireReader body, ByteBuf message) {
        Smb2SessionSetupRequest request;
        try {
            request = Smb2SessionSetupRequest.decode(body);
        } catch (SmbWireException e) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        if (state.serverRequiresEncryption() && state.cipher() == null) {
            // 3.3.5.5, first two rules: a session that must be encrypted needs 3.x and a cipher both sides have
            writer.writeError(channel, header, NtStatus.STATUS_ACCESS_DENIED);
            return;
        }
        SmbSession session = null;
        if (header.sessionId() != 0) {
            session = state.sessions().find(header.sessionId());
            if (session == null) {
                writer.writeError(channel, header, NtStatus.STATUS_USER_SESSION_DELETED);
                return;
            }
            if (!verifier.signatureAcceptable(channel, session, header, message)) {
                return;
            }
            if (session.stepInFlight()) {
                writer.writeError(channel, header, NtStatus.STATUS_REQUEST_NOT_ACCEPTED);
                return;
            }
        }
        String address = clientAddress(channel);
        if (logon.throttle().isBlocked(address)) {
            refuseThrottled(channel, state, session, header, address);
            return;
        }
        if (session == null) {
            session = state.sessions().create(logon.random());
            if (session == null) {
                writer.writeError(channel, header, NtStatus.STATUS_REQUEST_NOT_ACCEPTED);
                return;
            }
            if (state.preauthHash() != null) {
                session.beginPreauth(state.preauthHash());
            }
        }
        if (!session.isValid() && session.preauthHash() != null) {
            session.preauthHash().update(message);
        }
        start(new Attempt(channel, state, session, header, signingRequested(state, request), address,
                        request.previousSessionId()),
                request.securityBuffer());
    }

    private static boolean signingRequested(SmbConnectionState state, Smb2SessionSetupRequest request) {
        return state.serverRequiresSigning() || request.signingRequired()
                || (state.clientSecurityMode() & Smb2SessionSetupRequest.SIGNING_REQUIRED) != 0;
    }

    private void refuseThrottled(Channel channel, SmbConnectionState state, SmbSession session, Smb2Header header,
                                 String address) {
        logon.stats().throttled();
        LOG.fine(() -> "SESSION_SETUP from " + address + " refused: too many failed logons");
        if (session != null) {
            state.sessions().remove(session);
        }
        writer.writeError(channel, header, NtStatus.STATUS_LOGON_FAILURE);
    }

    private void start(Attempt attempt, byte[] token) {
        SmbSession session = attempt.session();
        if (session.authentication() == null) {
            SmbCaller caller = new SmbCaller(NegotiateResponder.clientAddress(attempt.channel()));
            session.beginAuthentication(new SessionAuthentication(logon, caller));
        }
        SessionAuthentication exchange = session.authentication();
        session.stepInFlight(true);
        boolean queued = executor.submit(listener -> runStep(attempt, exchange, token, listener));
        if (!queued) {
            abandon(attempt, NtStatus.STATUS_INSUFFICIENT_RESOURCES);
        }
    }

    /** On a request worker: the GSS step, then back to the event loop with its outcome. */
    private void runStep(Attempt attempt, SessionAuthentication exchange, byte[] token, SmbListener listener) {
        SessionAuthentication.Step step;
        try {
            step = exchange.step(token, listener);
        } catch (RuntimeException e) {
            EventLoopHandOff.run(attempt.channel(), () -> abandon(attempt, NtStatus.STATUS_INTERNAL_ERROR));
            // rethrown so that the worker logs it and takes a fresh endpoint
            throw new IllegalStateException("SESSION_SETUP from " + attempt.clientAddress() + " failed", e);
        }
        EventLoopHandOff.run(attempt.channel(), () -> finish(attempt, step));
    }

    /** The step could not run: a Valid session stays as it was, an InProgress one goes. */
    private void abandon(Attempt attempt, int status) {
        SmbSession session = attempt.session();
        session.stepInFlight(false);
        session.endAuthentication();
        if (!session.isValid()) {
            attempt.state().sessions().remove(session);
        }
        writer.writeError(attempt.channel(), attempt.request(), status);
    }

    private void finish(Attempt attempt, SessionAuthentication.Step step) {
        SmbSession session = attempt.session();
        session.stepInFlight(false);
        if (!attempt.state().sessions().holds(session)) {
            // logged off, or the connection closed, while the step ran
            writer.writeError(attempt.channel(), attempt.request(), NtStatus.STATUS_USER_SESSION_DELETED);
            return;
        }
        NtlmAuthResult result = step.result();
        SmbSession.Logon guest = guestLogon(result, step);
        if (result == null) {
            respond(attempt, NtStatus.STATUS_MORE_PROCESSING_REQUIRED, step.token());
        } else if (result instanceof NtlmAuthResult.Authenticated authenticated && step.account() != null) {
            succeed(attempt, authenticated, step);
        } else if (guest != null) {
            admitGuest(attempt, guest, step.token());
        } else {
            logon.stats().failed();
            logon.throttle().recordFailure(attempt.clientAddress());
            LOG.info(() -> "SMB logon failed for user '" + printable(step.userName()) + "' from "
                    + attempt.clientAddress());
            if (result instanceof NtlmAuthResult.Failed failed) {
                LOG.fine(() -> "SMB logon failure reason: " + failed.reason());
            }
            refuse(attempt, NtStatus.STATUS_LOGON_FAILURE);
        }
    }

    private void succeed(Attempt attempt, NtlmAuthResult.Authenticated authenticated,
                         SessionAuthentication.Step step) {
        SmbSession session = attempt.session();
        SmbAccount account = step.account();
        if (session.isValid()) {
            if (session.isGuest() || session.account().uid() != account.uid()) {
                LOG.info(() -> "SMB re-authentication of session 0x" + Long.toHexString(session.sessionId())
                        + " as another user '" + printable(step.userName()) + "' from " + attempt.clientAddress()
                        + " refused");
                refuse(attempt, NtStatus.STATUS_ACCESS_DENIED);
                return;
            }
            session.reauthenticated(account);
        } else {
            establish(attempt, authenticated.exportedSessionKey(), account);
            endPreviousSession(attempt, account);
        }
        session.endAuthentication();
        logon.stats().succeeded();
        LOG.fine(() -> "SMB session 0x" + Long.toHexString(session.sessionId()) + " for '" + account.username()
                + "' from " + attempt.clientAddress());
        respond(attempt, NtStatus.STATUS_SUCCESS, step.token());
    }

    /** 3.3.5.5.3: the session the client reconnects from goes, when it is of this connection and this account. */
    private static void endPreviousSession(Attempt attempt, SmbAccount account) {
        long previousId = attempt.previousSessionId();
        if (previousId == 0 || previousId == attempt.session().sessionId()) {
            return;
        }
        SmbSession previous = attempt.state().sessions().find(previousId);
        if (previous != null && previous.isValid() && !previous.isGuest()
                && previous.account().uid() == account.uid()) {
            attempt.state().sessions().remove(previous);
            LOG.fine(() -> "SMB session 0x" + Long.toHexString(previousId) + " ended by a reconnect from "
                    + attempt.clientAddress());
        }
    }

    /**
     * A guest or anonymous logon: the anonymous NTLM logon of [MS-NLMP] 3.2.5.1.2, or the name "guest" (any case)
     * when the application has no account by that name, whatever the response (there is no password to check).
     * Any other failure, a wrong password for a real account included, stays a failure.
     */
    static SmbSession.Logon guestLogon(NtlmAuthResult result, SessionAuthentication.Step step) {
        if (result instanceof NtlmAuthResult.Anonymous) {
            return SmbSession.Logon.ANONYMOUS;
        }
        if (result instanceof NtlmAuthResult.Failed failed && step.account() == null
                && GUEST_NAME.equalsIgnoreCase(step.userName())
                && (failed.reason() == NtlmAuthResult.FailureReason.UNKNOWN_USER
                    || failed.reason() == NtlmAuthResult.FailureReason.NTLMV1_REFUSED)) {
            return SmbSession.Logon.GUEST;
        }
        return null;
    }

    /**
     * 3.3.5.5.3 for a guest or anonymous logon: a Valid session without keys, answered with SMB2_SESSION_FLAG_IS_GUEST
     * or _IS_NULL. Refused with STATUS_ACCESS_DENIED when the server requires signing or encryption, which such a
     * session cannot do, and as a re-authentication of a Valid session.
     */
    private void admitGuest(Attempt attempt, SmbSession.Logon kind, byte[] token) {
        SmbSession session = attempt.session();
        SmbConnectionState state = attempt.state();
        if (session.isValid() || state.serverRequiresSigning() || state.serverRequiresEncryption()) {
            logon.stats().refusedAnonymous();
            LOG.fine(() -> kind + " SESSION_SETUP from " + attempt.clientAddress() + " refused");
            refuse(attempt, NtStatus.STATUS_ACCESS_DENIED);
            return;
        }
        session.establishGuest(kind);
        session.endAuthentication();
        LOG.fine(() -> "SMB " + kind + " session 0x" + Long.toHexString(session.sessionId()) + " from "
                + attempt.clientAddress());
        respond(attempt, NtStatus.STATUS_SUCCESS, token);
    }

    /**
     * 3.3.5.5.3: Session.SessionKey from the GSS key, the dialect's signing key and signer; for 3.1.1 the keys'
     * context is the session's pre-authentication hash up to this last request.
     */
    private static void establish(Attempt attempt, byte[] exportedSessionKey, SmbAccount account) {
        SmbConnectionState state = attempt.state();
        int dialect = state.negotiateDialect();
        PreauthIntegrityHash preauth = attempt.session().preauthHash();
        Smb2SessionKeys keys = Smb2SessionKeys.derive(dialect, state.cipher(), exportedSessionKey,
                preauth == null ? null : preauth.value());
        byte[] signingKey = keys.signingKey();
        Smb2Signer signer = Smb2Signers.forDialect(dialect, state.signingAlgorithm(), signingKey);
        Arrays.fill(signingKey, (byte) 0);
        Arrays.fill(exportedSessionKey, (byte) 0);
        attempt.session().establish(account, keys, signer, attempt.signingRequested(),
                state.serverRequiresEncryption());
    }

    private void refuse(Attempt attempt, int status) {
        attempt.state().sessions().remove(attempt.session());
        writer.writeError(attempt.channel(), attempt.request(), status);
    }

    /**
     * A 3.1.1 client refuses an unsigned final response (3.2.5.3.1), whatever the signing rules; a response that
     * asks for another round is chained into the session's pre-authentication hash.
     */
    private void respond(Attempt attempt, int status, byte[] token) {
        Smb2Header request = attempt.request();
        SmbSession session = attempt.session();
        Smb2Header header = Smb2Header.response(Smb2Command.SESSION_SETUP, request.messageId(), status,
                Smb2ResponseWriter.creditsGranted(request.credits()), session.sessionId());
        boolean mustSign = status == NtStatus.STATUS_SUCCESS
                && attempt.state().negotiateDialect() == Smb2Dialect.SMB_3_1_1;
        int flags = status != NtStatus.STATUS_SUCCESS ? 0 : switch (session.logon()) {
            case GUEST -> Smb2SessionSetupResponse.FLAG_IS_GUEST;
            case ANONYMOUS -> Smb2SessionSetupResponse.FLAG_IS_NULL;
            case ACCOUNT -> session.encryptionRequired() ? Smb2SessionSetupResponse.FLAG_ENCRYPT_DATA : 0;
        };
        ByteBuf encoded = Smb2ResponseWriter.encode(attempt.channel(), header,
                new Smb2SessionSetupResponse(flags, token)::encode,
                session.signing(request.isSigned() || mustSign || session.signingRequired()));
        if (status == NtStatus.STATUS_MORE_PROCESSING_REQUIRED && session.preauthHash() != null) {
            session.preauthHash().update(encoded);
        }
        writer.send(attempt.channel(), encoded);
    }

    /** The key the throttle counts failures under: the client's IP address. */
    static String clientAddress(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress address) {
            return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        }
        return "local";
    }

    /** A client-chosen name made safe for one log line. */
    static String printable(String name) {
        StringBuilder text = new StringBuilder();
        name.codePoints().limit(MAX_LOGGED_NAME_LENGTH)
                .forEach(c -> text.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.toString();
    }
}
