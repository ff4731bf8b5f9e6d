package io.cistern.launcher;

/**
 * A failure the user can act on. {@link Main} prints its message as one line on stderr, without a stack
 * trace, and exits with status 1. The message must name what failed and where (file, address, setting),
 * and must never contain a secret.
 */
final class LauncherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LauncherException(String message) {
        super(message);
    }

    LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
