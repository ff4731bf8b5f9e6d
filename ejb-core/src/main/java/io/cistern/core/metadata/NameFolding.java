package io.cistern.core.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The case-folded form of a name, for SMB's case-insensitive lookups. NFS names are bytes and need not be
 * UTF-8; such a name folds to itself, so it is only found by its exact bytes.
 */
final class NameFolding {
    private NameFolding() {
    }

    static byte[] fold(byte[] name) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(name)).toString();
            return text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            return name.clone();
        }
    }

    static byte[] fold(String name) {
        return name.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
}
