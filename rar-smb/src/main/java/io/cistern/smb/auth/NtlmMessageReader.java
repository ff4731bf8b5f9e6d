package io.cistern.smb.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bounds-checked little-endian reads over one NTLMSSP message ([MS-NLMP] 2.2). The constructor checks size,
 * the "NTLMSSP\0" signature and the MessageType; every later read checks its range first, so a hostile
 * message ends in {@link MalformedTokenException} and never in an index error or a huge allocation.
 *
 * <p>Payload fields (Len, MaxLen, BufferOffset; [MS-NLMP] 2.2) must lie inside the message and behind the
 * fixed header, because the MIC is computed over the header and a payload overlapping it would be ambiguous.
 */
final class NtlmMessageReader {
    /** Larger than any NTLMSSP message a real client sends; bounds memory per SESSION_SETUP. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

    private final byte[] message;
    private final String messageName;
    private final int fixedHeaderLength;
    private int lowestPayloadOffset;

    /**
     * @param fixedHeaderLength the shortest header the message type allows; payload may not start before it
     */
    NtlmMessageReader(byte[] message, int expectedType, String messageName, int fixedHeaderLength)
            throws MalformedTokenException {
        if (message == null) {
            throw new MalformedTokenException(messageName + ": no bytes");
        }
        if (message.length > MAX_MESSAGE_BYTES) {
            throw new MalformedTokenException(messageName + ": " + message.length + " bytes exceeds the limit of "
                    + MAX_MESSAGE_BYTES);
        }
        if (message.length < fixedHeaderLength) {
            throw new MalformedTokenException(messageName + ": " + message.length
                    + " bytes is shorter than its fixed header of " + fixedHeaderLength);
        }
        if (!Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new MalformedTokenException(messageName + ": signature is not \"NTLMSSP\\0\"");
        }
        int type = uint32(message, 8);
        if (type != expectedType) {
            throw new MalformedTokenException(messageName + ": MessageType " + Integer.toUnsignedString(type)
                    + ", expected " + expectedType);
        }
        this.message = message;
        this.messageName = messageName;
        this.fixedHeaderLength = fixedHeaderLength;
        this.lowestPayloadOffset = message.length;
    }

    int length() {
        return message.length;
    }

    int uint32(int offset) {
        return uint32(message, offset);
    }

    /** Caller guarantees the range lies within the fixed header it already length-checked. */
    byte[] fixedBytes(int offset, int count) {
        return Arrays.copyOfRange(message, offset, offset + count);
    }

    /**
     * Reads the payload field descriptor at {@code fieldsOffset} and returns the bytes it points at.
     *
     * @param maxLength the longest value this field may legitimately hold
     */
    byte[] payload(int fieldsOffset, int maxLength, String fieldName) throws MalformedTokenException {
        int length = uint16(message, fieldsOffset);
        long offset = Integer.toUnsignedLong(uint32(message, fieldsOffset + 4));
        if (length == 0) {
            return new byte[0];
        }
        if (length > maxLength) {
            throw new MalformedTokenException(messageName + ": " + fieldName + " is " + length
                    + " bytes, longer than the allowed " + maxLength);
        }
        if (offset < fixedHeaderLength || offset + length > message.length) {
            throw new MalformedTokenException(messageName + ": " + fieldName + " (offset " + offset + ", length "
                    + length + ") lies outside the payload of a " + message.length + "-byte message");
        }
        lowestPayloadOffset = (int) Math.min(lowestPayloadOffset, offset);
        return Arrays.copyOfRange(message, (int) offset, (int) offset + length);
    }

    /**
     * Where the payload starts, as far as the fields read so far tell: the optional trailing header parts
     * (Version, MIC) exist only if the payload leaves room for them.
     */
    int lowestPayloadOffset() {
        return lowestPayloadOffset;
    }

    String unicode(byte[] value, String fieldName) throws MalformedTokenException {
        if (value.length % 2 != 0) {
            throw new MalformedTokenException(messageName + ": " + fieldName + " has an odd length for UTF-16LE");
        }
        return new String(value, StandardCharsets.UTF_16LE);
    }

    static int uint16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    static int uint32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8
                | (bytes[offset + 2] & 0xFF) << 16 | (bytes[offset + 3] & 0xFF) << 24;
    }

    static long uint64(byte[] bytes, int offset) {
        return Integer.toUnsignedLong(uint32(bytes, offset)) | (long) uint32(bytes, offset + 4) << 32;
    }
}
