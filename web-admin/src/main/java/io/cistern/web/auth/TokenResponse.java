package io.cistern.web.auth;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A login's or a refresh's answer.
 *
 * @param accessToken      the JWT for {@code Authorization: Bearer}
 * @param tokenType        always {@code Bearer}
 * @param expiresIn        seconds the access token is valid
 * @param refreshToken     exchanged once at {@code /api/v1/auth/refresh} for the next pair
 * @param refreshExpiresAt when the refresh token stops working unused
 * @param username         who logged in
 * @param role             the account's role
 */
@Schema(name = "Tokens")
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                            Instant refreshExpiresAt, String username, String role) {
    @Override
    public String toString() {
        return "TokenResponse[" + username + "]";
    }
}
