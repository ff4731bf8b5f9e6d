package io.cistern.web.auth;

/** An access token that is not one this server issued, or no longer valid; the message says why, for the log only. */
public class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
