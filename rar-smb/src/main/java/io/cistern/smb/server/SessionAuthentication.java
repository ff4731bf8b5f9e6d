package io.cistern.smb.server;

import io.cistern.smb.auth.MalformedTokenException;
import io.cistern.smb.auth.NtHashLookup;
import io.cistern.smb.auth.NtlmAuthResult;
import io.cistern.smb.auth.NtlmServerExchange;
import io.cistern.smb.auth.SpnegoNtlmAcceptor;
import io.cistern.smb.spi.SmbAccount;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbListener;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One GSS exchange of SESSION_SETUP ([MS-SMB2] 3.3.5.5.3: the server "invokes GSS_Accept_sec_context" on each
 * security buffer). The first token decides the framing for the rest of the exchange:
 * <ul>
 * <li>SPNEGO (RFC 4178, what Windows, Samba and smbj send after the NEGOTIATE hint): {@link SpnegoNtlmAcceptor};</li>
 * <li>a raw NTLMSSP NEGOTIATE_MESSAGE (some clients skip SPNEGO): {@link NtlmServerExchange} directly, and the
 *     server answers with raw NTLMSSP too;</li>
 * <li>an empty buffer (the client wants the server's mechanisms first): the NegTokenInit2 hint again, and the
 *     next token starts the exchange.</li>
 * </ul>
 * The AUTHENTICATE step asks the application for the account ({@link SmbListener#accountForLogon}), which may
 * block on the database, so {@link #step} runs on a request worker only, one step at a time. Nothing here logs;
 * the account's NT hash goes to the verifier and nowhere else.
 */
final class SessionAuthentication {
    private static final byte[] NTLMSSP_SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * One step's answer.
     *
     * @param token    the security buffer of the response (possibly empty)
     * @param result   null while the exchange needs another round, else how it ended
     * @param account  the application's account for the user the client named; null if none was looked up or found
     * @param userName the user name the client named, for the log; empty before the AUTHENTICATE step
     */
    record Step(byte[] token, NtlmAuthResult result, SmbAccount account, String userName) {
        boolean isComplete() {
            return result != null;
        }
    }

    private enum Framing { UNDECIDED, SPNEGO, RAW_NTLMSSP }

    private final AccountLookup lookup;
    private final NtlmServerExchange ntlm;
    private final SpnegoNtlmAcceptor spnego;
    private Framing framing = Framing.UNDECIDED;
    private boolean rawChallengeSent;

    SessionAuthentication(ServerLogonContext logon, SmbCaller caller) {
        this.lookup = new AccountLookup(caller);
        this.ntlm = new NtlmServerExchange(logon.targetNames(), lookup, logon.random(), logon.clock(),
                logon.maxClockSkew());
        this.spnego = new SpnegoNtlmAcceptor(ntlm);
    }

    /** Feeds the client's security buffer; {@code listener} answers the account lookup if this step needs it. */
    Step step(byte[] token, SmbListener listener) {
        lookup.listener = listener;
        try {
            if (framing == Framing.UNDECIDED) {
                if (token.length == 0) {
                    return new Step(SpnegoNtlmAcceptor.negotiateResponseHint(), null, null, "");
                }
                framing = startsWith(token, NTLMSSP_SIGNATURE) ? Framing.RAW_NTLMSSP : Framing.SPNEGO;
            }
            if (framing == Framing.RAW_NTLMSSP) {
                return rawStep(token);
            }
            SpnegoNtlmAcceptor.Step step = spnego.accept(token);
            return new Step(step.token(), step.result(), lookup.account, lookup.userName);
        } finally {
            lookup.listener = null;
        }
    }

    private Step rawStep(byte[] token) {
        if (!rawChallengeSent) {
            rawChallengeSent = true;
            try {
                return new Step(ntlm.challenge(token), null, null, "");
            } catch (MalformedTokenException e) {
                return new Step(new byte[0], new NtlmAuthResult.Failed(NtlmAuthResult.FailureReason.MALFORMED,
                        e.getMessage()), null, "");
            }
        }
        NtlmAuthResult result = ntlm.authenticate(token);
        return new Step(new byte[0], result, lookup.account, lookup.userName);
    }

    private static boolean startsWith(byte[] token, byte[] prefix) {
        return token.length >= prefix.length && Arrays.equals(token, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The NT hash lookup of the exchange, answered by the application; remembers the account it found. */
    private static final class AccountLookup implements NtHashLookup {
        private final SmbCaller caller;
        private SmbListener listener;
        private SmbAccount account;
        private String userName = "";

        AccountLookup(SmbCaller caller) {
            this.caller = caller;
        }

        @Override
        public Optional<byte[]> ntHashOf(String user, String domain) {
            if (listener == null) {
                throw new IllegalStateException("account lookup outside a step");
            }
            userName = user;
            Optional<SmbAccount> found = listener.accountForLogon(caller, user, domain);
            account = found == null ? null : found.orElse(null);
            return Optional.ofNullable(account).map(SmbAccount::ntHash);
        }
    }
}
