package io.cistern.smb.crypto;

import java.util.Optional;

/**
 * The signing algorithms of SMB2, by their SigningAlgorithms ids in SMB2_SIGNING_CAPABILITIES
 * ([MS-SMB2] 2.2.3.1.7). Without that context the dialect decides ([MS-SMB2] 3.1.4.1): HMAC-SHA256 for
 * 2.0.2 and 2.1, AES-CMAC for 3.0, 3.0.2 and 3.1.1.
 */
public enum Smb2SigningAlgorithm {
    HMAC_SHA256(0x0000),
    AES_CMAC(0x0001),
    AES_GMAC(0x0002);

    private final int id;

    Smb2SigningAlgorithm(int id) {
        this.id = id;
    }

    /** The signing algorithm id on the wire. */
    public int id() {
        return id;
    }

    /** The algorithm a negotiate context names, or empty for an id this implementation does not know. */
    public static Optional<Smb2SigningAlgorithm> fromId(int id) {
        for (Smb2SigningAlgorithm algorithm : values()) {
            if (algorithm.id == id) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
