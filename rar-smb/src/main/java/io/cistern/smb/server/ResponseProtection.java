package io.cistern.smb.server;

import io.cistern.smb.crypto.Smb2MessageCipher;
import io.cistern.smb.crypto.Smb2Signer;

/**
 * How a response travels: signed with its session's key ([MS-SMB2] 3.1.4.1), or encrypted for its session in a
 * TRANSFORM_HEADER message (3.1.4.3), which protects it better and replaces the signature. No protection at all is
 * null. The session decides ({@link SmbSession#responseProtection}); {@link Smb2ResponseWriter} applies it.
 */
sealed interface ResponseProtection permits ResponseProtection.Signed, ResponseProtection.Encrypted {

    /** Signed with {@code signer}. */
    record Signed(Smb2Signer signer) implements ResponseProtection {
    }

    /** Encrypted with the session's Session.EncryptionKey; the transform header names {@code sessionId}. */
    record Encrypted(Smb2MessageCipher cipher, long sessionId) implements ResponseProtection {
    }

    /** Signing with {@code signer}, or none when it is null. */
    static ResponseProtection signedBy(Smb2Signer signer) {
        return signer == null ? null : new Signed(signer);
    }
}
