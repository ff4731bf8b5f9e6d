package io.cistern.core.accounts;

import java.time.Instant;

/**
 * A refresh token just issued, for the account it belongs to. {@code token} is shown to the client once and
 * stored nowhere in plain: {@link #toString} leaves it out.
 *
 * @param username  whose it is
 * @param role      the account's role now
 * @param token     the opaque value
 * @param expiresAt when it stops working even unused
 */
public record SessionGrant(String username, String role, String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "SessionGrant[" + username + ", until " + expiresAt + "]";
    }
}
