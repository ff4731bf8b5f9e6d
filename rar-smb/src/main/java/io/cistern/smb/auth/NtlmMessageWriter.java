package io.cistern.smb.auth;

import java.io.ByteArrayOutputStream;

/**
 * Builds one NTLMSSP message ([MS-NLMP] 2.2): a fixed header of known size followed by the payload, with each
 * payload field's Len/MaxLen/BufferOffset descriptor filled in as its value is appended. Offsets count from
 * the start of the message.
 */
final class NtlmMessageWriter {
    private final byte[] header;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

    NtlmMessageWriter(int messageType, int headerLength) {
        header = new byte[headerLength];
        System.arraycopy(NtlmMessageReader.SIGNATURE, 0, header, 0, NtlmMessageReader.SIGNATURE.length);
        putUInt32(8, messageType);
    }

    void putUInt32(int offset, int value) {
        putUInt32(header, offset, value);
    }

    void putBytes(int offset, byte[] value) {
        System.arraycopy(value, 0, header, offset, value.length);
    }

    /** Appends {@code value} to the payload and points the field descriptor at {@code fieldsOffset} to it. */
    void putPayload(int fieldsOffset, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("an NTLMSSP payload field holds at most 65535 bytes");
        }
        int offset = header.length + payload.size();
        putUInt16(header, fieldsOffset, value.length);
        putUInt16(header, fieldsOffset + 2, value.length);
        putUInt32(header, fieldsOffset + 4, offset);
        payload.writeBytes(value);
    }

    byte[] toByteArray() {
        byte[] out = new byte[header.length + payload.size()];
        System.arraycopy(header, 0, out, 0, header.length);
        byte[] body = payload.toByteArray();
        System.arraycopy(body, 0, out, header.length, body.length);
        return out;
    }

    static void putUInt16(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
    }

    static void putUInt32(byte[] bytes, int offset, int value) {
        putUInt16(bytes, offset, value);
        putUInt16(bytes, offset + 2, value >>> 16);
    }

    static void putUInt64(byte[] bytes, int offset, long value) {
        putUInt32(bytes, offset, (int) value);
        putUInt32(bytes, offset + 4, (int) (value >>> 32));
    }
}
