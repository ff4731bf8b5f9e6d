package io.cistern.smb.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The UTF-16LE strings of SMB2 bodies (names, patterns): decoded strictly, so that an unpaired surrogate or an odd
 * length is a malformed message rather than a name to look up.
 */
public final class Utf16 {
    private Utf16() {
    }

    /** {@code length} bytes at {@code offset} from the start of the message, which must lie at or after {@code min}. */
    public static String read(WireReader in, int offset, int length, int min, String what) throws SmbWireException {
        if (length == 0) {
            return "";
        }
        if (length % 2 != 0) {
            throw new SmbWireException(what + " length " + length + " is odd, not UTF-16");
        }
        if (offset < min || (long) offset + length > in.length()) {
            throw new SmbWireException(what + " at " + offset + " of " + length + " bytes is outside the message");
        }
        in.seek(offset);
        return decode(in.readBytes(length), what);
    }

    public static String decode(byte[] utf16, String what) throws SmbWireException {
        try {
            return StandardCharsets.UTF_16LE.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf16)).toString();
        } catch (CharacterCodingException e) {
            throw new SmbWireException(what + " is not well-formed UTF-16");
        }
    }

    public static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }
}
