package io.cistern.smb.auth;

/**
 * The three NTLMSSP messages of one exchange exactly as they travelled: the AUTHENTICATE_MESSAGE's MIC is an
 * HMAC over their concatenation ([MS-NLMP] 3.1.5.1.2, 3.2.5.1.2), so the verifier needs the bytes, not a
 * re-encoding.
 */
public record NtlmTranscript(byte[] negotiate, byte[] challenge, byte[] authenticate) {
    public NtlmTranscript {
        negotiate = negotiate.clone();
        challenge = challenge.clone();
        authenticate = authenticate.clone();
    }

    @Override
    public byte[] negotiate() {
        return negotiate.clone();
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public byte[] authenticate() {
        return authenticate.clone();
    }

    @Override
    public String toString() {
        return "NtlmTranscript[negotiate=" + negotiate.length + " bytes, challenge=" + challenge.length
                + " bytes, authenticate=" + authenticate.length + " bytes]";
    }
}
