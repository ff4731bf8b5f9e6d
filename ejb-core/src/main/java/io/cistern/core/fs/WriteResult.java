package io.cistern.core.fs;

/**
 * What a WRITE did.
 *
 * @param count     bytes written (all of them: the journal takes a write whole or not at all)
 * @param committed how durable they are now: at least what was asked
 * @param verifier  the server's write verifier: when it changes, the client resends what it has not committed
 * @param before    the file as it was (weak cache consistency)
 * @param after     the file as it is
 */
public record WriteResult(int count, Stability committed, long verifier, WccAttributes before, Attributes after) {
}
