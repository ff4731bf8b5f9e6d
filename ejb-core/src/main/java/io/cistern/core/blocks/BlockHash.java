package io.cistern.core.blocks;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The address of a block: the SHA-256 of its bytes. Identical blocks get the same address, which is what
 * makes them deduplicate.
 *
 * <p>A record over the 32 digest bytes. Arrays compare by identity, so equality, hashing and the accessor
 * are written out: the digest is copied in and out and never shared.
 */
public record BlockHash(byte[] bytes) implements Comparable<BlockHash> {
    /** SHA-256 digests are 32 bytes. */
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    public BlockHash {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a block hash is " + LENGTH + " bytes of SHA-256");
        }
        bytes = bytes.clone();
    }

    /** The SHA-256 of {@code data}, computed with the JDK's MessageDigest. */
    public static BlockHash of(byte[] data) {
        return new BlockHash(sha256().digest(data));
    }

    /** The SHA-256 of {@code data}'s remaining bytes; the buffer's position is left where it was. */
    public static BlockHash of(ByteBuffer data) {
        MessageDigest digest = sha256();
        digest.update(data.duplicate());
        return new BlockHash(digest.digest());
    }

    /** Parses the 64-character lower- or upper-case hex form. */
    public static BlockHash fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a block hash is " + 2 * LENGTH + " hex digits");
        }
        return new BlockHash(HEX.parseHex(hex));
    }

    /** True when {@code name} is the 64 lower-case hex digits a store writes; used to skip foreign files. */
    public static boolean isHex(String name) {
        if (name.length() != 2 * LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** 64 lower-case hex digits: the file name on disk and the last part of the S3 key. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** The digest in base64, the encoding S3's {@code x-amz-checksum-sha256} header carries. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * {@code ab/cd/<64 hex>}: two levels of 256 fan-out each keep directories small on disk (about 65,000
     * leaves) and spread S3 keys over many prefixes, which S3 partitions its request rate by.
     */
    public String shardedPath() {
        String hex = hex();
        return hex.substring(0, 2) + '/' + hex.substring(2, 4) + '/' + hex;
    }

    /** Does {@code data} hash to this address? */
    public boolean matches(byte[] data) {
        return MessageDigest.isEqual(bytes, sha256().digest(data));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlockHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        // the digest is uniformly distributed already: its first four bytes are as good as any mix
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
    }

    @Override
    public int compareTo(BlockHash other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }

    /** A fresh SHA-256 digest, to hash a block piece by piece. */
    public static MessageDigest newDigest() {
        return sha256();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
