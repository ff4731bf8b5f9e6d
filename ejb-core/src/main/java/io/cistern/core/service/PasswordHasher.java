package io.cistern.core.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Hashes and checks passwords with PBKDF2-HMAC-SHA512 at 210,000 iterations (OWASP's 2023 figure),
 * through Jakarta Security's {@link Pbkdf2PasswordHash}. The hash string records its own parameters,
 * so raising them later keeps old hashes verifiable.
 */
@ApplicationScoped
public class PasswordHasher {
    @Inject
    private Pbkdf2PasswordHash pbkdf2;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
    }

    public String hash(char[] password) {
        return pbkdf2.generate(password);
    }

    public boolean matches(char[] password, String hash) {
        return pbkdf2.verify(password, hash);
    }
}
