package io.cistern.smb.crypto;

import io.cistern.smb.wire.Smb2Dialect;

/** Picks the signer [MS-SMB2] 3.1.4.1 prescribes for a connection. */
public final class Smb2Signers {
    private Smb2Signers() {
    }

    /**
     * The signer of a session.
     *
     * @param dialect    Connection.Dialect
     * @param negotiated Connection.SigningAlgorithmId from SMB2_SIGNING_CAPABILITIES (3.1.1 only), or null
     * @param key        Session.SessionKey for 2.x; Session.SigningKey or Channel.SigningKey for 3.x
     */
    public static Smb2Signer forDialect(int dialect, Smb2SigningAlgorithm negotiated, byte[] key) {
        if (negotiated != null && dialect != Smb2Dialect.SMB_3_1_1) {
            throw new IllegalArgumentException("only SMB 3.1.1 negotiates a signing algorithm");
        }
        return switch (dialect) {
            case Smb2Dialect.SMB_2_0_2, Smb2Dialect.SMB_2_1 -> new HmacSha256Signer(key);
            case Smb2Dialect.SMB_3_0, Smb2Dialect.SMB_3_0_2 -> new AesCmacSigner(key);
            case Smb2Dialect.SMB_3_1_1 -> of(negotiated == null ? Smb2SigningAlgorithm.AES_CMAC : negotiated, key);
            default -> throw new IllegalArgumentException("no signing for dialect " + Smb2Dialect.name(dialect));
        };
    }

    /** The signer of one algorithm, whatever the dialect. */
    public static Smb2Signer of(Smb2SigningAlgorithm algorithm, byte[] key) {
        return switch (algorithm) {
            case HMAC_SHA256 -> new HmacSha256Signer(key);
            case AES_CMAC -> new AesCmacSigner(key);
            case AES_GMAC -> new AesGmacSigner(key);
        };
    }
}
