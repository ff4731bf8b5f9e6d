package io.cistern.web.auth;

import io.cistern.core.accounts.SessionGrant;
import io.cistern.core.config.CisternSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.logging.Logger;

/** Issues and verifies the admin API's access tokens: HS256 JWTs, valid {@link #LIFETIME}, issuer {@value #ISSUER}. */
@ApplicationScoped
public class AccessTokens {
    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    public static final String ISSUER = "cistern";

    private volatile JwtCodec codec;

    public String issue(String username, String role) {
        return codec().issue(username, role, LIFETIME);
    }

    /** The answer of a login (local or single sign-on) or a refresh: a new access token beside the grant. */
    public TokenResponse answer(SessionGrant grant) {
        return new TokenResponse(issue(grant.username(), grant.role()), "Bearer", LIFETIME.toSeconds(), grant.token(),
                grant.expiresAt(), grant.username(), grant.role());
    }

    public AccessClaims verify(String token) throws InvalidTokenException {
        return codec().verify(token);
    }

    private JwtCodec codec() {
        JwtCodec current = codec;
        if (current == null) {
            synchronized (this) {
                if (codec == null) {
                    codec = load();
                }
                current = codec;
            }
        }
        return current;
    }

    private static JwtCodec load() {
        var file = CisternSettings.dataDirectory().resolve(SigningKeyFile.FILE_NAME);
        byte[] key = null;
        try {
            key = SigningKeyFile.readOrCreate(file, new SecureRandom());
            LOG.info("admin API access tokens are signed with the key in " + file);
            return new JwtCodec(key, ISSUER, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("the token signing key " + file + " cannot be used", e);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);   // SecretKeySpec keeps its own copy
            }
        }
    }
}
