package io.cistern.smb.auth;

/**
 * The bytes are not the NTLMSSP message or SPNEGO token the decoder was asked for: wrong signature or type,
 * truncated, a field pointing outside the message, an overlong field or a DER encoding that is not strict.
 * Messages name the defect, never the secret-bearing contents.
 */
public class MalformedTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedTokenException(String message) {
        super(message);
    }
}
