package io.cistern.smb.spi;

import java.time.Instant;
import java.util.UUID;

/**
 * The installation's identity as an SMB server.
 *
 * @param serverGuid      stable across restarts, created at first start
 * @param serverStartTime when this server process started
 * @param signingRequired    whether every session must be signed
 * @param encryptionRequired whether every session must be encrypted (EncryptData with RejectUnencryptedAccess)
 * @param logonFailureLimit  how many failed logons within a minute make a client address wait (at least 1); the
 *                           listener's throttle takes it from each NEGOTIATE answer, so a change counts from the next
 *                           connection on, for every address
 */
public record SmbServerIdentity(UUID serverGuid, Instant serverStartTime, boolean signingRequired,
                                boolean encryptionRequired, int logonFailureLimit) {
    /** Five failed logons a minute per address. */
    public static final int DEFAULT_LOGON_FAILURE_LIMIT = 5;

    public SmbServerIdentity {
        if (logonFailureLimit < 1) {
            throw new IllegalArgumentException("at least one failed logon, not " + logonFailureLimit);
        }
    }

    /** With the default logon failure limit. */
    public SmbServerIdentity(UUID serverGuid, Instant serverStartTime, boolean signingRequired,
                             boolean encryptionRequired) {
        this(serverGuid, serverStartTime, signingRequired, encryptionRequired, DEFAULT_LOGON_FAILURE_LIMIT);
    }
}
