package io.cistern.smb.auth;

import java.util.Optional;

/**
 * Where the server finds a user's NT hash (MD4 of the UTF-16LE password, [MS-NLMP] 3.3.1 NTOWFv1): the account
 * store, never a password. Called with the user and domain exactly as the AUTHENTICATE_MESSAGE names them;
 * matching case-insensitively (Windows semantics) is up to the implementation.
 */
@FunctionalInterface
public interface NtHashLookup {
    /** The 16-byte NT hash, or empty when the user is unknown or disabled. */
    Optional<byte[]> ntHashOf(String userName, String domainName);
}
