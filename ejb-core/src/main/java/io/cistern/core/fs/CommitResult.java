package io.cistern.core.fs;

/**
 * What a COMMIT (or SMB FLUSH) did: every write acknowledged before it is durable.
 *
 * @param verifier the server's write verifier, compared by the client with the one its writes got
 * @param before   the file as it was
 * @param after    the file as it is
 */
public record CommitResult(long verifier, WccAttributes before, Attributes after) {
}
