package io.cistern.smb.wire;

/**
 * The variable-length buffer that SESSION_SETUP requests and responses ([MS-SMB2] 2.2.5, 2.2.6) locate by
 * SecurityBufferOffset (from the start of the SMB2 header) and SecurityBufferLength. A decoder accepts it only
 * when it lies wholly inside the message and after the structure's fixed part: an offset into the header or the
 * fixed fields, or past the end, is a malformed message rather than something to read around.
 */
final class SecurityBuffer {
    private SecurityBuffer() {
    }

    /**
     * A record's own copy of its buffer, which a 16-bit SecurityBufferLength must be able to carry; also for
     * the NEGOTIATE response's buffer (2.2.4), which has the same length field.
     */
    static byte[] checkedCopy(byte[] buffer) {
        if (buffer.length > 0xFFFF) {
            throw new IllegalArgumentException("a security buffer of " + buffer.length + " bytes does not fit");
        }
        return buffer.clone();
    }

    /**
     * Reads the buffer and leaves the reader after it.
     *
     * @param fixedEnd where the structure's fixed part ends, counted from the start of the SMB2 header
     */
    static byte[] read(WireReader in, int offset, int length, int fixedEnd, String structure)
            throws SmbWireException {
        if (length == 0) {
            // an empty buffer has no place; clients send offset 0 or the fixed end, both are fine
            return new byte[0];
        }
        if (offset < fixedEnd || (long) offset + length > in.length()) {
            throw new SmbWireException(structure + " SecurityBufferOffset " + offset + " and Length " + length
                    + " do not lie within the " + (in.length() - fixedEnd) + " bytes after the fixed part");
        }
        in.seek(offset);
        return in.readBytes(length);
    }
}
