package io.cistern.launcher;

import java.util.Objects;

/**
 * A password or similar value. {@link #toString()} never shows it, so that a secret that ends up in a
 * message or a log line by mistake stays hidden; {@link #reveal()} is the one way to read it.
 */
final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    static Secret of(String value) {
        return new Secret(value);
    }

    String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
