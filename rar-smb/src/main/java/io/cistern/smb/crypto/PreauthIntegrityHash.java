package io.cistern.smb.crypto;

import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A running pre-authentication integrity hash of SMB 3.1.1 ([MS-SMB2] 3.3.5.4 and 3.3.5.5): starting from
 * 64 zero bytes, each message updates it to {@code SHA-512(value || message)}, where the message is the
 * whole SMB2 message, header included.
 *
 * <p>The connection's hash covers the NEGOTIATE request and response (Connection.PreauthIntegrityHashValue).
 * A new session starts from a {@link #copy()} of it and adds each SESSION_SETUP request and every
 * SESSION_SETUP response except the final, successful one (PreauthSession.PreauthIntegrityHashValue);
 * the value then is the context of the session's 3.1.1 keys ({@link Smb2SessionKeys}).
 *
 * <p>Not thread-safe: the messages of one negotiation or one session setup are hashed in order anyway.
 */
public final class PreauthIntegrityHash {
    /** HashAlgorithms id of SHA-512 in SMB2_PREAUTH_INTEGRITY_CAPABILITIES ([MS-SMB2] 2.2.3.1.1). */
    public static final int SHA_512 = 0x0001;
    public static final int LENGTH = 64;

    private final byte[] value;

    /** A hash at its initial value, 64 zero bytes. */
    public PreauthIntegrityHash() {
        this(new byte[LENGTH]);
    }

    private PreauthIntegrityHash(byte[] value) {
        this.value = value;
    }

    /** Chains one whole message into the hash. */
    public void update(byte[] message) {
        update(message, 0, message.length);
    }

    public void update(byte[] message, int offset, int length) {
        MessageDigest sha512 = sha512();
        sha512.update(value);
        sha512.update(message, offset, length);
        System.arraycopy(sha512.digest(), 0, value, 0, LENGTH);
    }

    /** Chains the readable bytes of {@code message} into the hash; the buffer's indices do not move. */
    public void update(ByteBuf message) {
        MessageDigest sha512 = sha512();
        sha512.update(value);
        sha512.update(message.nioBuffer());
        System.arraycopy(sha512.digest(), 0, value, 0, LENGTH);
    }

    /** The current 64-byte value. */
    public byte[] value() {
        return value.clone();
    }

    /** An independent hash with the same value: how a session's hash is seeded from the connection's. */
    public PreauthIntegrityHash copy() {
        return new PreauthIntegrityHash(value.clone());
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }
}
