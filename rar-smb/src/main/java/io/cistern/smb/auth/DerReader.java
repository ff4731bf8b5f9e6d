package io.cistern.smb.auth;

import java.util.Arrays;

/**
 * A strict reader for the DER subset SPNEGO tokens use (X.690 section 10, as RFC 4178 section 4.1 requires):
 * single-byte tags, definite minimal lengths of at most four octets, no constructed strings. Each element must
 * fit inside its parent, so a nested length that overflows its container is refused, as is any trailing byte.
 * Only the structures this package expects are descended into, which bounds nesting without recursion limits.
 */
final class DerReader {
    static final int TAG_ENUMERATED = 0x0A;
    static final int TAG_BIT_STRING = 0x03;
    static final int TAG_OCTET_STRING = 0x04;
    static final int TAG_OID = 0x06;
    static final int TAG_GENERAL_STRING = 0x1B;
    static final int TAG_SEQUENCE = 0x30;
    static final int TAG_APPLICATION_0 = 0x60;
    static final int MAX_TOKEN_BYTES = 64 * 1024;
    private static final int MAX_OID_BYTES = 64;

    /** One TLV; {@code source} is shared with the reader, never handed out. */
    static final class Element {
        private final int tag;
        private final byte[] source;
        private final int contentStart;
        private final int end;

        private Element(int tag, byte[] source, int contentStart, int end) {
            this.tag = tag;
            this.source = source;
            this.contentStart = contentStart;
            this.end = end;
        }

        int tag() {
            return tag;
        }

        byte[] content() {
            return Arrays.copyOfRange(source, contentStart, end);
        }

        /** A reader over this element's contents, bounded by its length. */
        DerReader contents() {
            return new DerReader(source, contentStart, end);
        }
    }

    private final byte[] source;
    private final int end;
    private int position;

    DerReader(byte[] token) throws MalformedTokenException {
        if (token == null || token.length == 0) {
            throw new MalformedTokenException("empty DER token");
        }
        if (token.length > MAX_TOKEN_BYTES) {
            throw new MalformedTokenException("DER token of " + token.length + " bytes exceeds " + MAX_TOKEN_BYTES);
        }
        this.source = token.clone();
        this.position = 0;
        this.end = token.length;
    }

    private DerReader(byte[] source, int start, int end) {
        this.source = source;
        this.position = start;
        this.end = end;
    }

    boolean hasMore() {
        return position < end;
    }

    /** The tag of the next element without consuming it. */
    int peekTag() throws MalformedTokenException {
        if (!hasMore()) {
            throw new MalformedTokenException("DER: no element where one was expected");
        }
        return source[position] & 0xFF;
    }

    Element next(int expectedTag) throws MalformedTokenException {
        int tag = peekTag();
        if (tag != expectedTag) {
            throw new MalformedTokenException("DER: tag 0x" + Integer.toHexString(tag) + " where 0x"
                    + Integer.toHexString(expectedTag) + " was expected");
        }
        return next();
    }

    Element next() throws MalformedTokenException {
        int tag = peekTag();
        if ((tag & 0x1F) == 0x1F) {
            throw new MalformedTokenException("DER: multi-byte tags are not used by SPNEGO");
        }
        position++;
        int length = readLength();
        Element element = new Element(tag, source, position, position + length);
        position += length;
        return element;
    }

    void requireEnd() throws MalformedTokenException {
        if (hasMore()) {
            throw new MalformedTokenException("DER: " + (end - position) + " unexpected trailing bytes");
        }
    }

    private int readLength() throws MalformedTokenException {
        if (!hasMore()) {
            throw new MalformedTokenException("DER: truncated before a length");
        }
        int first = source[position++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7F;
            if (octets == 0) {
                throw new MalformedTokenException("DER: indefinite length is not DER");
            }
            if (octets > 4 || octets > end - position) {
                throw new MalformedTokenException("DER: length of " + octets + " octets is too long or truncated");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = length << 8 | (source[position++] & 0xFF);
            }
            if (length < 0x80 || (source[position - octets] & 0xFF) == 0) {
                throw new MalformedTokenException("DER: length not in minimal form");
            }
        }
        if (length > end - position) {
            throw new MalformedTokenException("DER: element of " + length + " bytes overruns its container ("
                    + (end - position) + " bytes left)");
        }
        return (int) length;
    }

    /** An OBJECT IDENTIFIER's contents as dotted decimal; refuses non-minimal sub-identifiers and overflow. */
    static String oid(Element element) throws MalformedTokenException {
        byte[] content = element.content();
        if (content.length == 0 || content.length > MAX_OID_BYTES || (content[content.length - 1] & 0x80) != 0) {
            throw new MalformedTokenException("DER: malformed OBJECT IDENTIFIER");
        }
        StringBuilder dotted = new StringBuilder();
        long value = 0;
        boolean startOfArc = true;
        for (byte b : content) {
            if (startOfArc && (b & 0xFF) == 0x80) {
                throw new MalformedTokenException("DER: OBJECT IDENTIFIER arc not in minimal form");
            }
            if (value > (Long.MAX_VALUE >>> 7)) {
                throw new MalformedTokenException("DER: OBJECT IDENTIFIER arc too large");
            }
            value = value << 7 | (b & 0x7F);
            startOfArc = (b & 0x80) == 0;
            if (startOfArc) {
                appendArc(dotted, value);
                value = 0;
            }
        }
        return dotted.toString();
    }

    private static void appendArc(StringBuilder dotted, long value) {
        if (dotted.length() == 0) {
            int first = (int) Math.min(value / 40, 2);
            dotted.append(first).append('.').append(value - 40L * first);
        } else {
            dotted.append('.').append(value);
        }
    }

    /** An ENUMERATED small enough for negState: one content octet, non-negative. */
    static int enumerated(Element element) throws MalformedTokenException {
        byte[] content = element.content();
        if (content.length != 1 || content[0] < 0) {
            throw new MalformedTokenException("DER: ENUMERATED is not a single non-negative octet");
        }
        return content[0];
    }

    /** Checks a BIT STRING's unused-bits octet; the bits themselves are not needed. */
    static void checkBitString(Element element) throws MalformedTokenException {
        byte[] content = element.content();
        if (content.length == 0 || content[0] < 0 || content[0] > 7 || (content.length == 1 && content[0] != 0)) {
            throw new MalformedTokenException("DER: malformed BIT STRING");
        }
    }
}
