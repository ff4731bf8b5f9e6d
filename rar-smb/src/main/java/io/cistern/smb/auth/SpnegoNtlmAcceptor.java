package io.cistern.smb.auth;

import io.cistern.smb.auth.NegTokenResp.NegState;
import io.cistern.smb.auth.NtlmAuthResult.FailureReason;
import java.util.List;

/**
 * The acceptor side of SPNEGO (RFC 4178 section 5, [MS-SPNG] 3.2.5) for one SMB session setup, with NTLMSSP as
 * the only mechanism. Feed it each security buffer the client sends; it answers with the token to return and,
 * on the last step, the authentication result.
 *
 * <pre>
 * client NegTokenInit{mechTypes, mechToken=NEGOTIATE}  -&gt; NegTokenResp{accept-incomplete, NTLMSSP, CHALLENGE}
 * client NegTokenResp{AUTHENTICATE [, mechListMIC]}     -&gt; NegTokenResp{accept-completed [, mechListMIC]} | reject
 * </pre>
 *
 * When NTLMSSP is not the client's first choice its optimistic token is not NTLM; the acceptor then answers
 * request-mic with supportedMech NTLMSSP and no token, waits for the NEGOTIATE_MESSAGE, and insists on a
 * mechListMIC (RFC 4178 section 5) so the downgrade is authenticated. A mechListMIC the client sends is verified
 * with NTLM's MAC under the client-to-server keys, sequence number 0, over the DER of its mechTypes, and
 * answered with the server's own MIC under the server-to-client keys ([MS-SPNG] 3.3.5.1, [MS-NLMP] 3.4.4.2).
 */
public final class SpnegoNtlmAcceptor {

    /** One reply: {@code token} goes back in the SESSION_SETUP response; {@code result} is null until done. */
    public record Step(byte[] token, NtlmAuthResult result) {
        public boolean isComplete() {
            return result != null;
        }
    }

    private enum State { AWAITING_INIT, AWAITING_NTLM_NEGOTIATE, AWAITING_AUTHENTICATE, DONE }

    private final NtlmServerExchange ntlm;
    private State state = State.AWAITING_INIT;
    private NegTokenInit clientInit;
    private boolean mechListMicRequired;

    public SpnegoNtlmAcceptor(NtlmServerExchange ntlm) {
        this.ntlm = ntlm;
    }

    /** The NegTokenInit2 for the SMB2 NEGOTIATE response's security buffer. */
    public static byte[] negotiateResponseHint() {
        return NegTokenInit2.encode(List.of(SpnegoMechanism.NTLMSSP));
    }

    public Step accept(byte[] securityBuffer) {
        try {
            return switch (state) {
                case AWAITING_INIT -> acceptInit(NegTokenInit.decode(securityBuffer));
                case AWAITING_NTLM_NEGOTIATE -> challenge(responseToken(NegTokenResp.decode(securityBuffer)));
                case AWAITING_AUTHENTICATE -> acceptAuthenticate(NegTokenResp.decode(securityBuffer));
                case DONE -> throw new IllegalStateException("SPNEGO exchange already finished");
            };
        } catch (MalformedTokenException e) {
            return reject(FailureReason.MALFORMED, e.getMessage());
        }
    }

    private Step acceptInit(NegTokenInit init) throws MalformedTokenException {
        clientInit = init;
        String ntlmOid = SpnegoMechanism.NTLMSSP.oid();
        if (!init.mechTypes().contains(ntlmOid)) {
            return reject(FailureReason.NO_COMMON_MECHANISM, "client offers none of Cistern's mechanisms");
        }
        boolean ntlmPreferred = init.mechTypes().get(0).equals(ntlmOid);
        if (ntlmPreferred && init.mechToken() != null) {
            return challenge(init.mechToken());
        }
        mechListMicRequired = !ntlmPreferred;
        state = State.AWAITING_NTLM_NEGOTIATE;
        NegState negState = ntlmPreferred ? NegState.ACCEPT_INCOMPLETE : NegState.REQUEST_MIC;
        return new Step(new NegTokenResp(negState, ntlmOid, null, null).encode(), null);
    }

    private Step challenge(byte[] ntlmNegotiate) throws MalformedTokenException {
        byte[] challenge = ntlm.challenge(ntlmNegotiate);
        state = State.AWAITING_AUTHENTICATE;
        NegTokenResp reply = new NegTokenResp(NegState.ACCEPT_INCOMPLETE, SpnegoMechanism.NTLMSSP.oid(), challenge,
                null);
        return new Step(reply.encode(), null);
    }

    private Step acceptAuthenticate(NegTokenResp response) throws MalformedTokenException {
        NtlmAuthResult result = ntlm.authenticate(responseToken(response));
        state = State.DONE;
        if (result instanceof NtlmAuthResult.Failed) {
            return new Step(rejectToken(), result);
        }
        if (!(result instanceof NtlmAuthResult.Authenticated authenticated)) {
            // Anonymous: there is no session key to compute or check a mechListMIC with.
            return new Step(new NegTokenResp(NegState.ACCEPT_COMPLETED, null, null, null).encode(), result);
        }
        byte[] clientMic = response.mechListMic();
        if (clientMic == null) {
            return mechListMicRequired
                    ? reject(FailureReason.MECH_LIST_MIC_INVALID, "mechListMIC required but absent")
                    : new Step(new NegTokenResp(NegState.ACCEPT_COMPLETED, null, null, null).encode(), result);
        }
        return checkMechListMic(authenticated, clientMic);
    }

    private Step checkMechListMic(NtlmAuthResult.Authenticated authenticated, byte[] clientMic) {
        int flags = authenticated.negotiateFlags();
        if (!NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            return reject(FailureReason.UNSUPPORTED, "mechListMIC without NTLM extended session security");
        }
        byte[] mechTypes = clientInit.mechTypesDer();
        byte[] sessionKey = authenticated.exportedSessionKey();
        NtlmSessionSecurity fromClient = new NtlmSessionSecurity(sessionKey, flags,
                NtlmSessionSecurity.Direction.CLIENT_TO_SERVER);
        if (!fromClient.verify(mechTypes, clientMic)) {
            return reject(FailureReason.MECH_LIST_MIC_INVALID, "mechListMIC does not verify");
        }
        byte[] serverMic = new NtlmSessionSecurity(sessionKey, flags, NtlmSessionSecurity.Direction.SERVER_TO_CLIENT)
                .sign(mechTypes);
        return new Step(new NegTokenResp(NegState.ACCEPT_COMPLETED, null, null, serverMic).encode(), authenticated);
    }

    private static byte[] responseToken(NegTokenResp response) throws MalformedTokenException {
        if (response.negState() == NegState.REJECT) {
            throw new MalformedTokenException("client rejected the negotiation");
        }
        byte[] token = response.responseToken();
        if (token == null) {
            throw new MalformedTokenException("NegTokenResp without the expected responseToken");
        }
        return token;
    }

    private Step reject(FailureReason reason, String detail) {
        state = State.DONE;
        return new Step(rejectToken(), new NtlmAuthResult.Failed(reason, detail));
    }

    private static byte[] rejectToken() {
        return new NegTokenResp(NegState.REJECT, null, null, null).encode();
    }
}
