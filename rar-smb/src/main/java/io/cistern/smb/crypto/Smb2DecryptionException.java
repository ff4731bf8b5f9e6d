package io.cistern.smb.crypto;

import java.security.GeneralSecurityException;

/**
 * An encrypted SMB2 message was refused ([MS-SMB2] 3.3.5.2.1): its transform header is malformed or
 * inconsistent, or its authentication tag does not match, so nothing of its plaintext is released.
 */
public class Smb2DecryptionException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    public Smb2DecryptionException(String message) {
        super(message);
    }

    public Smb2DecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
