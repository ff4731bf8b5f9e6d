package io.cistern.smb.auth;

import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_128;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_REQUEST_TARGET;
import static io.cistern.smb.auth.NegotiateFlags.NTLMSSP_TARGET_TYPE_SERVER;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One server-side NTLM handshake ([MS-NLMP] 3.2.5.1.1 Server Receives a NEGOTIATE_MESSAGE, 3.2.5.1.2 Server
 * Receives an AUTHENTICATE_MESSAGE): {@link #challenge} answers the client's NEGOTIATE_MESSAGE, then
 * {@link #authenticate} checks its AUTHENTICATE_MESSAGE once. Not thread-safe; one instance per SESSION_SETUP
 * exchange, never reused, because reusing a server challenge would allow replay.
 *
 * <p>Granted flags are only what Cistern implements, each only if the client asked: 128-bit, KEY_EXCH,
 * EXTENDED_SESSIONSECURITY, SIGN, SEAL, ALWAYS_SIGN, VERSION. UNICODE, TARGET_INFO and NTLM (which 2.2.2.5 says
 * MUST be set in the CHALLENGE_MESSAGE; it does not let NTLMv1 through, the verifier refuses that) are always
 * set. Never LM_KEY, never 56-bit, never OEM.
 */
public final class NtlmServerExchange {
    static final int IMPLEMENTED_ON_REQUEST = NTLMSSP_NEGOTIATE_128 | NTLMSSP_NEGOTIATE_KEY_EXCH
            | NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | NTLMSSP_NEGOTIATE_SIGN | NTLMSSP_NEGOTIATE_SEAL
            | NTLMSSP_NEGOTIATE_ALWAYS_SIGN | NTLMSSP_NEGOTIATE_VERSION | NTLMSSP_REQUEST_TARGET;
    static final int ALWAYS_GRANTED = NTLMSSP_NEGOTIATE_UNICODE | NTLMSSP_NEGOTIATE_TARGET_INFO
            | NTLMSSP_NEGOTIATE_NTLM;
    /** Informational only ([MS-NLMP] 2.2.2.10); says "Windows Server 2022", the dialect family Cistern speaks. */
    static final NtlmVersion SERVER_VERSION = new NtlmVersion(10, 0, 20348, NtlmVersion.NTLMSSP_REVISION_W2K3);
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    private enum State { AWAITING_NEGOTIATE, AWAITING_AUTHENTICATE, DONE }

    private final NtlmTargetNames names;
    private final NtHashLookup lookup;
    private final SecureRandom random;
    private final Clock clock;
    private final NtlmV2Verifier verifier;
    private State state = State.AWAITING_NEGOTIATE;
    private byte[] negotiateBytes;
    private byte[] challengeBytes;
    private byte[] serverChallenge;
    private int grantedFlags;

    /** @param maxClockSkew see {@link NtlmV2Verifier}; null disables the timestamp check */
    public NtlmServerExchange(NtlmTargetNames names, NtHashLookup lookup, SecureRandom random, Clock clock,
                              Duration maxClockSkew) {
        this.names = names;
        this.lookup = lookup;
        this.random = random;
        this.clock = clock;
        this.verifier = new NtlmV2Verifier(clock, maxClockSkew, random);
    }

    /** Decodes the client's NEGOTIATE_MESSAGE and returns the encoded CHALLENGE_MESSAGE to send back. */
    public byte[] challenge(byte[] negotiateMessage) throws MalformedTokenException {
        if (state != State.AWAITING_NEGOTIATE) {
            throw new IllegalStateException("challenge already issued");
        }
        NegotiateMessage negotiate = NegotiateMessage.decode(negotiateMessage);
        grantedFlags = grantFlags(negotiate.negotiateFlags());
        serverChallenge = new byte[8];
        random.nextBytes(serverChallenge);
        AvPairList targetInfo = targetInfo(fileTime(clock.instant()));
        boolean withVersion = NegotiateFlags.isSet(grantedFlags, NTLMSSP_NEGOTIATE_VERSION);
        String targetName = NegotiateFlags.isSet(grantedFlags, NTLMSSP_REQUEST_TARGET)
                ? names.netbiosComputerName() : "";
        ChallengeMessage challenge = new ChallengeMessage(grantedFlags, targetName, serverChallenge, targetInfo,
                withVersion ? SERVER_VERSION : null);
        negotiateBytes = negotiateMessage.clone();
        challengeBytes = challenge.encode();
        state = State.AWAITING_AUTHENTICATE;
        return challengeBytes.clone();
    }

    /**
     * Verifies the client's AUTHENTICATE_MESSAGE. An undecodable message is a {@code Failed(MALFORMED)} result,
     * so that callers have one path for every refusal.
     */
    public NtlmAuthResult authenticate(byte[] authenticateMessage) {
        if (state != State.AWAITING_AUTHENTICATE) {
            throw new IllegalStateException(state == State.DONE ? "exchange already finished" : "no challenge issued");
        }
        state = State.DONE;
        AuthenticateMessage authenticate;
        try {
            authenticate = AuthenticateMessage.decode(authenticateMessage);
        } catch (MalformedTokenException e) {
            return new NtlmAuthResult.Failed(NtlmAuthResult.FailureReason.MALFORMED, e.getMessage());
        }
        byte[] ntHash = null;
        if (!NtlmV2Verifier.isAnonymous(authenticate)) {
            Optional<byte[]> found = lookup.ntHashOf(authenticate.userName(), authenticate.domainName());
            if (found.isPresent() && found.get().length != 16) {
                throw new IllegalStateException("NtHashLookup returned a hash that is not 16 bytes");
            }
            ntHash = found.orElse(null);
        }
        NtlmTranscript transcript = new NtlmTranscript(negotiateBytes, challengeBytes, authenticateMessage);
        return verifier.verify(authenticate, transcript, serverChallenge, ntHash);
    }

    /** The flags of the CHALLENGE_MESSAGE this exchange sent; 0 before {@link #challenge}. */
    public int grantedFlags() {
        return grantedFlags;
    }

    static int grantFlags(int requested) {
        int granted = (requested & IMPLEMENTED_ON_REQUEST) | ALWAYS_GRANTED;
        if (NegotiateFlags.isSet(granted, NTLMSSP_REQUEST_TARGET)) {
            // 2.2.1.2: a TargetName is then supplied, and its type has to be said.
            granted |= NTLMSSP_TARGET_TYPE_SERVER;
        }
        return granted;
    }

    private AvPairList targetInfo(long fileTime) {
        AvPairList.Builder builder = new AvPairList.Builder()
                .addString(AvPairList.MSV_AV_NB_DOMAIN_NAME, names.netbiosDomainName())
                .addString(AvPairList.MSV_AV_NB_COMPUTER_NAME, names.netbiosComputerName());
        if (!names.dnsDomainName().isEmpty()) {
            builder.addString(AvPairList.MSV_AV_DNS_DOMAIN_NAME, names.dnsDomainName());
        }
        if (!names.dnsComputerName().isEmpty()) {
            builder.addString(AvPairList.MSV_AV_DNS_COMPUTER_NAME, names.dnsComputerName());
        }
        // 3.1.5.1.2: a client that sees MsvAvTimestamp sends a MIC, which protects the negotiated flags.
        return builder.addTimestamp(fileTime).build();
    }

    static long fileTime(Instant instant) {
        return FILETIME_UNIX_EPOCH + instant.getEpochSecond() * 10_000_000L + instant.getNano() / 100;
    }
}
