package io.cistern.smb.auth;

/**
 * How an NTLM authentication ended ([MS-NLMP] 3.2.5.1.2): a verified user, an anonymous logon the caller
 * accepts or refuses by share policy, or a failure with a reason for the server's log. No variant's
 * {@code toString} shows key material.
 */
public sealed interface NtlmAuthResult {

    /**
     * The NTLMv2 response proved knowledge of the user's NT hash.
     *
     * @param exportedSessionKey the 16-byte ExportedSessionKey of [MS-NLMP] 3.2.5.1.2, the SMB session key
     * @param negotiateFlags     the flags of the AUTHENTICATE_MESSAGE, which govern NTLM session security
     */
    record Authenticated(String userName, String domainName, String workstation, byte[] exportedSessionKey,
                         int negotiateFlags) implements NtlmAuthResult {
        public Authenticated {
            if (exportedSessionKey.length != 16) {
                throw new IllegalArgumentException("the exported session key is 16 bytes");
            }
            exportedSessionKey = exportedSessionKey.clone();
        }

        @Override
        public byte[] exportedSessionKey() {
            return exportedSessionKey.clone();
        }

        @Override
        public String toString() {
            return "Authenticated[userName=" + userName + ", domainName=" + domainName + ", workstation="
                    + workstation + "]";
        }
    }

    /** An empty user name with empty responses: the ANONYMOUS logon of [MS-NLMP] 3.2.5.1.2. No session key. */
    record Anonymous(String workstation) implements NtlmAuthResult {
    }

    /**
     * Not authenticated. {@code detail} is for the server's log only; callers answer every failure the same way
     * (STATUS_LOGON_FAILURE) so that a client cannot tell an unknown user from a wrong password.
     */
    record Failed(FailureReason reason, String detail) implements NtlmAuthResult {
    }

    enum FailureReason {
        /** The token or message could not be decoded. */
        MALFORMED,
        /** Well-formed but asks for something Cistern does not do, e.g. OEM strings. */
        UNSUPPORTED,
        /** An LM or NTLMv1 response: Cistern accepts NTLMv2 only. */
        NTLMV1_REFUSED,
        UNKNOWN_USER,
        WRONG_PASSWORD,
        /** The client challenge's timestamp lies too far from the server's clock. */
        TIMESTAMP_OUT_OF_RANGE,
        /** MsvAvFlags announced a MIC that the message does not carry. */
        MIC_MISSING,
        MIC_MISMATCH,
        /** The SPNEGO mechListMIC was required but absent, or did not verify. */
        MECH_LIST_MIC_INVALID,
        /** SPNEGO offered no mechanism that Cistern implements. */
        NO_COMMON_MECHANISM
    }
}
