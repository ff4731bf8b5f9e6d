package io.cistern.core.accounts;

import io.cistern.core.service.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;

/**
 * A PBKDF2 hash of a random password, made once with the same parameters as real ones: a login naming an unknown user
 * is checked against it, so that it takes as long as a wrong password and its timing does not tell which names exist.
 */
@ApplicationScoped
public class DecoyHash {
    @Inject
    private PasswordHasher hasher;

    private volatile String hash;

    String hash() {
        String current = hash;
        if (current == null) {
            char[] random = new char[24];
            SecureRandom source = new SecureRandom();
            for (int i = 0; i < random.length; i++) {
                random[i] = (char) ('!' + source.nextInt(94));
            }
            current = hasher.hash(random);
            hash = current;
        }
        return current;
    }
}
