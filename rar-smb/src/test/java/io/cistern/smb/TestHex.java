package io.cistern.smb;

import java.util.HexFormat;

/** Hex for test vectors, which specifications and blogs print with spaces and in lines of varying width. */
public final class TestHex {
    private TestHex() {
    }

    /** The bytes of the hex in {@code lines}, joined; whitespace and case do not matter. */
    public static byte[] bytes(String... lines) {
        return HexFormat.of().parseHex(String.join("", lines).replaceAll("\\s", "").toLowerCase());
    }

    /** Upper-case hex, as Microsoft's examples print it. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /** Lower-case hex, as [MS-NLMP] and DER dumps print it. */
    public static String lowerHex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
