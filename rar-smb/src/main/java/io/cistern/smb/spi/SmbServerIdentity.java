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
 */
public record SmbServerIdentity(UUID serverGuid, Instant serverStartTime, boolean signingRequired,
                                boolean encryptionRequired) {
}
