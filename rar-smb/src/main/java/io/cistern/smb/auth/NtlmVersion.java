package io.cistern.smb.auth;

/**
 * The VERSION structure, [MS-NLMP] 2.2.2.10: an 8-byte, purely informational product version. Only meaningful
 * when NTLMSSP_NEGOTIATE_VERSION is set.
 *
 * @param productMajorVersion  ProductMajorVersion (1 byte)
 * @param productMinorVersion  ProductMinorVersion (1 byte)
 * @param productBuild         ProductBuild (2 bytes, little-endian)
 * @param ntlmRevisionCurrent  NTLMRevisionCurrent (1 byte); 0x0F is NTLMSSP_REVISION_W2K3
 */
public record NtlmVersion(int productMajorVersion, int productMinorVersion, int productBuild,
                          int ntlmRevisionCurrent) {
    public static final int LENGTH = 8;
    public static final int NTLMSSP_REVISION_W2K3 = 0x0F;

    public NtlmVersion {
        requireRange(productMajorVersion, 0xFF, "productMajorVersion");
        requireRange(productMinorVersion, 0xFF, "productMinorVersion");
        requireRange(productBuild, 0xFFFF, "productBuild");
        requireRange(ntlmRevisionCurrent, 0xFF, "ntlmRevisionCurrent");
    }

    /** Reads the 8 bytes at {@code offset}; the caller has checked they are there. */
    static NtlmVersion decode(byte[] bytes, int offset) {
        return new NtlmVersion(bytes[offset] & 0xFF, bytes[offset + 1] & 0xFF,
                (bytes[offset + 2] & 0xFF) | (bytes[offset + 3] & 0xFF) << 8, bytes[offset + 7] & 0xFF);
    }

    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        out[0] = (byte) productMajorVersion;
        out[1] = (byte) productMinorVersion;
        out[2] = (byte) productBuild;
        out[3] = (byte) (productBuild >>> 8);
        out[7] = (byte) ntlmRevisionCurrent;
        return out;
    }

    private static void requireRange(int value, int max, String name) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " out of range: " + value);
        }
    }
}
