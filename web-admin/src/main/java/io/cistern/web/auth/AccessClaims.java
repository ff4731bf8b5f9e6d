package io.cistern.web.auth;

import java.time.Instant;

/**
 * What a verified access token says.
 *
 * @param subject   the username
 * @param role      the role when it was issued (the filter uses the account's current one)
 * @param expiresAt when it stops being accepted
 */
public record AccessClaims(String subject, String role, Instant expiresAt) {
}
