package io.cistern.smb.crypto;

import io.netty.buffer.ByteBuf;

/**
 * Signs and verifies whole SMB2 messages ([MS-SMB2] 3.1.4.1 Signing An Outgoing Message, 3.1.5.1 Verifying
 * an Incoming Message). A message is the SMB2 header and its body; in a compound chain it is one member
 * including its padding up to the next member. The 16 signature bytes at header offset 48 count as zero
 * while the signature is computed, so a message is signed in place and verified as received.
 *
 * <p>{@code sign} writes the signature and nothing else: the caller sets SMB2_FLAGS_SIGNED first, since the
 * flags are covered by the signature. Implementations are immutable and thread-safe.
 */
public interface Smb2Signer {
    /** Offset of the Signature field in the SMB2 header ([MS-SMB2] 2.2.1). */
    int SIGNATURE_OFFSET = 48;
    int SIGNATURE_LENGTH = 16;
    /** The smallest message that has a signature field: a bare 64-byte SMB2 header. */
    int MIN_MESSAGE_LENGTH = 64;

    Smb2SigningAlgorithm algorithm();

    /** Computes the signature of {@code message[offset, offset + length)} and writes it into its header. */
    void sign(byte[] message, int offset, int length);

    /** True if the signature in the header matches the message; compared in constant time. */
    boolean verify(byte[] message, int offset, int length);

    /** Signs the message at {@code index}; the buffer's reader and writer indices do not move. */
    void sign(ByteBuf buffer, int index, int length);

    /** Verifies the message at {@code index}; the buffer's indices do not move. */
    boolean verify(ByteBuf buffer, int index, int length);

    default void sign(byte[] message) {
        sign(message, 0, message.length);
    }

    default boolean verify(byte[] message) {
        return verify(message, 0, message.length);
    }
}
