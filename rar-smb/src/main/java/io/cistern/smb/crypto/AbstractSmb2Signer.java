package io.cistern.smb.crypto;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The part of every [MS-SMB2] 3.1.4.1 signer that does not depend on the algorithm: bounds, the zeroed
 * signature field, writing the result, and the constant-time comparison of 3.1.5.1.
 */
abstract class AbstractSmb2Signer implements Smb2Signer {
    private static final byte[] ZERO_SIGNATURE = new byte[SIGNATURE_LENGTH];

    /** Receives the message in pieces: before the signature, 16 zero bytes, after the signature. */
    @FunctionalInterface
    interface Segments {
        void accept(byte[] bytes, int offset, int length);
    }

    private final byte[] key;

    AbstractSmb2Signer(byte[] key, int requiredKeyLength) {
        if (requiredKeyLength > 0 ? key.length != requiredKeyLength : key.length == 0) {
            throw new IllegalArgumentException(algorithmName() + " needs a "
                    + (requiredKeyLength > 0 ? requiredKeyLength + "-byte" : "non-empty") + " key, not "
                    + key.length + " bytes");
        }
        this.key = key.clone();
    }

    /** The 16-byte signature of the message with its signature field taken as zero. */
    abstract byte[] computeSignature(byte[] key, byte[] message, int offset, int length);

    private String algorithmName() {
        return getClass().getSimpleName();
    }

    @Override
    public final void sign(byte[] message, int offset, int length) {
        checkBounds(message.length, offset, length);
        byte[] signature = computeSignature(key, message, offset, length);
        System.arraycopy(signature, 0, message, offset + SIGNATURE_OFFSET, SIGNATURE_LENGTH);
    }

    @Override
    public final boolean verify(byte[] message, int offset, int length) {
        checkBounds(message.length, offset, length);
        byte[] expected = computeSignature(key, message, offset, length);
        byte[] received = Arrays.copyOfRange(message, offset + SIGNATURE_OFFSET,
                offset + SIGNATURE_OFFSET + SIGNATURE_LENGTH);
        return MessageDigest.isEqual(expected, received);
    }

    @Override
    public final void sign(ByteBuf buffer, int index, int length) {
        checkBounds(buffer.capacity(), index, length);
        byte[] signature = buffer.hasArray()
                ? computeSignature(key, buffer.array(), buffer.arrayOffset() + index, length)
                : computeSignature(key, ByteBufUtil.getBytes(buffer, index, length, false), 0, length);
        buffer.setBytes(index + SIGNATURE_OFFSET, signature);
    }

    @Override
    public final boolean verify(ByteBuf buffer, int index, int length) {
        checkBounds(buffer.capacity(), index, length);
        if (buffer.hasArray()) {
            return verify(buffer.array(), buffer.arrayOffset() + index, length);
        }
        return verify(ByteBufUtil.getBytes(buffer, index, length, true), 0, length);
    }

    /** Hands the message to {@code sink} with the signature field replaced by zeros, without copying it. */
    static void forEachSegment(byte[] message, int offset, int length, Segments sink) {
        sink.accept(message, offset, SIGNATURE_OFFSET);
        sink.accept(ZERO_SIGNATURE, 0, SIGNATURE_LENGTH);
        int afterSignature = SIGNATURE_OFFSET + SIGNATURE_LENGTH;
        sink.accept(message, offset + afterSignature, length - afterSignature);
    }

    private static void checkBounds(int capacity, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, capacity);
        if (length < MIN_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("an SMB2 message has at least 64 bytes, not " + length);
        }
    }

    @Override
    public String toString() {
        return algorithmName() + "[key redacted]";
    }
}
