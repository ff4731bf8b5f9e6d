package io.cistern.smb.spi;

import java.time.Instant;
import java.util.UUID;

/**
 * The installation's identity as an SMB server.
 *
 * @param serverGuid      stable across restarts, created at first start
 * @param serverStartTime when this server process started
 * @param signingRequired whether every session must be signed
 */
public record SmbServerIdentity(UUID serverGuid, Instant serverStartTime, boolean signingRequired) {
}
