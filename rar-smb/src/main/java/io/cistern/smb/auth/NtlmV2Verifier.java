package io.cistern.smb.auth;

import io.cistern.smb.auth.NtlmAuthResult.FailureReason;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Server-side NTLMv2 verification: [MS-NLMP] 3.3.2 (NTLM v2 Authentication), 3.2.5.1.2 (Server Receives an
 * AUTHENTICATE_MESSAGE) and the key derivation of 3.4.5.1 (KXKEY: for NTLMv2 the KeyExchangeKey is the
 * SessionBaseKey).
 *
 * <pre>
 * ResponseKeyNT  = HMAC_MD5(NTHash, UNICODE(Uppercase(User) + UserDom))
 * NTProofStr     = HMAC_MD5(ResponseKeyNT, ServerChallenge + temp)      temp = NtChallengeResponse[16..]
 * SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr)
 * ExportedSessionKey = KEY_EXCH ? RC4K(SessionBaseKey, EncryptedRandomSessionKey) : SessionBaseKey
 * MIC            = HMAC_MD5(ExportedSessionKey, NEGOTIATE + CHALLENGE + AUTHENTICATE with MIC zeroed)
 * </pre>
 *
 * LM and NTLMv1 responses (24 bytes) are refused. As 3.2.5.1.2 asks, a response computed with an empty UserDom
 * is accepted too. An unknown user runs the same computations against a decoy hash, so that a client cannot
 * time the difference between an unknown user and a wrong password.
 */
public final class NtlmV2Verifier {
    private static final int NT_PROOF_LENGTH = 16;
    /** RespType, HiRespType, Reserved1..3, TimeStamp, ChallengeFromClient: 2.2.2.7 up to its AvPairs. */
    private static final int CLIENT_CHALLENGE_FIXED_LENGTH = 28;
    private static final int NTLMV1_RESPONSE_LENGTH = 24;
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    private final Clock clock;
    private final Duration maxClockSkew;
    private final byte[] decoyHash = new byte[16];

    /**
     * @param maxClockSkew how far the client challenge's TimeStamp may lie from {@code clock}; null disables the
     *                     check (Windows uses 30 minutes, MSV1_0_MAX_NTLM3_LIFE)
     */
    public NtlmV2Verifier(Clock clock, Duration maxClockSkew, SecureRandom random) {
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
        random.nextBytes(decoyHash);
    }

    /**
     * @param authenticate    the decoded {@code transcript.authenticate()}
     * @param serverChallenge the 8 bytes this server sent in its CHALLENGE_MESSAGE
     * @param ntHash          the user's NT hash, or null when the user is unknown
     */
    public NtlmAuthResult verify(AuthenticateMessage authenticate, NtlmTranscript transcript,
                                 byte[] serverChallenge, byte[] ntHash) {
        if (isAnonymous(authenticate)) {
            return new NtlmAuthResult.Anonymous(authenticate.workstation());
        }
        if (!authenticate.has(NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE)) {
            return failed(FailureReason.UNSUPPORTED, "OEM strings in AUTHENTICATE_MESSAGE are not supported");
        }
        byte[] ntResponse = authenticate.ntChallengeResponse();
        if (ntResponse.length == NTLMV1_RESPONSE_LENGTH || ntResponse.length == 0) {
            return failed(FailureReason.NTLMV1_REFUSED, "LM/NTLMv1 response refused, NTLMv2 only");
        }
        if (ntResponse.length < NT_PROOF_LENGTH + CLIENT_CHALLENGE_FIXED_LENGTH + 4
                || ntResponse[NT_PROOF_LENGTH] != 1 || ntResponse[NT_PROOF_LENGTH + 1] != 1) {
            return failed(FailureReason.MALFORMED, "NtChallengeResponse is not an NTLMv2_RESPONSE");
        }
        AvPairList clientPairs;
        try {
            clientPairs = AvPairList.decode(ntResponse, NT_PROOF_LENGTH + CLIENT_CHALLENGE_FIXED_LENGTH,
                    ntResponse.length);
        } catch (MalformedTokenException e) {
            return failed(FailureReason.MALFORMED, "NTLMv2 client challenge: " + e.getMessage());
        }
        byte[] sessionBaseKey = proveResponse(authenticate, serverChallenge, ntHash == null ? decoyHash : ntHash);
        if (sessionBaseKey == null || ntHash == null) {
            return ntHash == null
                    ? failed(FailureReason.UNKNOWN_USER, "unknown user " + authenticate.userName())
                    : failed(FailureReason.WRONG_PASSWORD, "NTProofStr mismatch for " + authenticate.userName());
        }
        if (!timestampInRange(ntResponse)) {
            return failed(FailureReason.TIMESTAMP_OUT_OF_RANGE, "client challenge timestamp outside "
                    + maxClockSkew + " of the server clock");
        }
        return checkSessionKeyAndMic(authenticate, transcript, clientPairs, sessionBaseKey);
    }

    /** [MS-NLMP] 3.2.5.1.2: empty user and responses; LmChallengeResponse may be Z(1). */
    static boolean isAnonymous(AuthenticateMessage authenticate) {
        byte[] lm = authenticate.lmChallengeResponse();
        return authenticate.userName().isEmpty() && authenticate.ntChallengeResponse().length == 0
                && (lm.length == 0 || (lm.length == 1 && lm[0] == 0));
    }

    /**
     * Computes NTProofStr for UserDom and for an empty UserDom, both always, and compares in constant time.
     *
     * @return the SessionBaseKey when one of them matches, else null
     */
    private static byte[] proveResponse(AuthenticateMessage authenticate, byte[] serverChallenge, byte[] ntHash) {
        byte[] ntResponse = authenticate.ntChallengeResponse();
        byte[] received = Arrays.copyOf(ntResponse, NT_PROOF_LENGTH);
        byte[] temp = Arrays.copyOfRange(ntResponse, NT_PROOF_LENGTH, ntResponse.length);
        byte[] keyWithDomain = NtlmCrypto.responseKeyNt(ntHash, authenticate.userName(), authenticate.domainName());
        byte[] keyWithoutDomain = NtlmCrypto.responseKeyNt(ntHash, authenticate.userName(), "");
        byte[] proofWithDomain = NtlmCrypto.hmacMd5(keyWithDomain, serverChallenge, temp);
        byte[] proofWithoutDomain = NtlmCrypto.hmacMd5(keyWithoutDomain, serverChallenge, temp);
        boolean matchesWithDomain = MessageDigest.isEqual(proofWithDomain, received);
        boolean matchesWithoutDomain = MessageDigest.isEqual(proofWithoutDomain, received);
        byte[] sessionBaseKey = null;
        if (matchesWithDomain) {
            sessionBaseKey = NtlmCrypto.hmacMd5(keyWithDomain, proofWithDomain);
        } else if (matchesWithoutDomain) {
            sessionBaseKey = NtlmCrypto.hmacMd5(keyWithoutDomain, proofWithoutDomain);
        }
        Arrays.fill(keyWithDomain, (byte) 0);
        Arrays.fill(keyWithoutDomain, (byte) 0);
        return sessionBaseKey;
    }

    private boolean timestampInRange(byte[] ntResponse) {
        if (maxClockSkew == null) {
            return true;
        }
        long fileTime = NtlmMessageReader.uint64(ntResponse, NT_PROOF_LENGTH + 8);
        if (fileTime < 0) {
            return false;
        }
        long ticksSinceUnixEpoch = fileTime - FILETIME_UNIX_EPOCH;
        Instant clientTime = Instant.ofEpochSecond(Math.floorDiv(ticksSinceUnixEpoch, 10_000_000L),
                Math.floorMod(ticksSinceUnixEpoch, 10_000_000L) * 100);
        return Duration.between(clientTime, clock.instant()).abs().compareTo(maxClockSkew) <= 0;
    }

    private static NtlmAuthResult checkSessionKeyAndMic(AuthenticateMessage authenticate, NtlmTranscript transcript,
                                                        AvPairList clientPairs, byte[] sessionBaseKey) {
        byte[] exportedSessionKey = sessionBaseKey;
        if (authenticate.has(NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH)) {
            byte[] encrypted = authenticate.encryptedRandomSessionKey();
            if (encrypted.length != 16) {
                return failed(FailureReason.MALFORMED, "KEY_EXCH without a 16-byte EncryptedRandomSessionKey");
            }
            exportedSessionKey = NtlmCrypto.rc4k(sessionBaseKey, encrypted);
        }
        OptionalInt avFlags = clientPairs.flags();
        if (avFlags.isPresent() && (avFlags.getAsInt() & AvPairList.AV_FLAG_MIC_PRESENT) != 0) {
            byte[] mic = authenticate.mic();
            if (mic == null) {
                return failed(FailureReason.MIC_MISSING, "MsvAvFlags announces a MIC the message lacks");
            }
            byte[] authenticateWithoutMic = transcript.authenticate();
            Arrays.fill(authenticateWithoutMic, AuthenticateMessage.MIC_OFFSET,
                    AuthenticateMessage.MIC_OFFSET + AuthenticateMessage.MIC_LENGTH, (byte) 0);
            byte[] expected = NtlmCrypto.hmacMd5(exportedSessionKey, transcript.negotiate(), transcript.challenge(),
                    authenticateWithoutMic);
            if (!MessageDigest.isEqual(expected, mic)) {
                return failed(FailureReason.MIC_MISMATCH, "AUTHENTICATE_MESSAGE MIC does not verify");
            }
        }
        return new NtlmAuthResult.Authenticated(authenticate.userName(), authenticate.domainName(),
                authenticate.workstation(), exportedSessionKey, authenticate.negotiateFlags());
    }

    private static NtlmAuthResult failed(FailureReason reason, String detail) {
        return new NtlmAuthResult.Failed(reason, detail);
    }
}
