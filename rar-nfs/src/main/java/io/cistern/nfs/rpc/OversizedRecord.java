package io.cistern.nfs.rpc;

/**
 * A record that exceeded the size limit and was skipped. Keeps only its first bytes, enough for the
 * transaction id and message type, so that a call can still get an error reply.
 *
 * @param prefix the record's first bytes (at most {@link #PREFIX_BYTES})
 * @param length the record's full length
 */
public record OversizedRecord(byte[] prefix, long length) {
    public static final int PREFIX_BYTES = 8;
}
