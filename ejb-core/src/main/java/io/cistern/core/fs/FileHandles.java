package io.cistern.core.fs;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and verifies NFS file handles. A handle is 29 bytes, well inside NFSv3's 64:
 *
 * <pre>
 * version (1) | share id (8) | inode id (8) | generation (4) | MAC (8)
 * </pre>
 *
 * big-endian, where the MAC is HMAC-SHA256 of the first 21 bytes under the installation's secret, truncated to
 * 8 bytes. The layout depends on nothing but the secret, so handles survive restarts; the MAC means a client
 * cannot make up a handle for an inode or a share it was never given. Thread-safe.
 */
public final class FileHandles {
    public static final int SECRET_BYTES = 32;
    public static final int HANDLE_BYTES = 29;
    static final byte VERSION = 1;
    static final int MAC_BYTES = 8;
    private static final int SIGNED_BYTES = HANDLE_BYTES - MAC_BYTES;
    private static final String ALGORITHM = "HmacSHA256";
    /** Past this many remembered handles the memory starts over. */
    static final int MAX_REMEMBERED = 100_000;

    private final SecretKeySpec key;
    /** Mac instances are not thread-safe: each call works on a copy of this initialized one. */
    private final Mac prototype;
    /**
     * Handles already encoded: a READDIRPLUS encodes one per entry, and the HMAC of each was a sixth of a
     * listing's time. An encoding depends on nothing but the handle and the secret, so it never goes stale.
     */
    private final ConcurrentHashMap<FileHandle, byte[]> encoded = new ConcurrentHashMap<>();

    /** @param secret the per-installation secret, 32 bytes; copied, never shown */
    public FileHandles(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("the file handle secret must be " + SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.prototype = newMac(key);
    }

    public byte[] encode(FileHandle handle) {
        byte[] known = encoded.get(handle);
        if (known != null) {
            return known.clone();
        }
        byte[] fresh = sign(handle);
        if (encoded.size() >= MAX_REMEMBERED) {
            encoded.clear();
        }
        encoded.put(handle, fresh.clone());
        return fresh;
    }

    private byte[] sign(FileHandle handle) {
        ByteBuffer bytes = ByteBuffer.allocate(HANDLE_BYTES)
                .put(VERSION)
                .putLong(handle.shareId())
                .putLong(handle.inodeId())
                .putInt(handle.generation());
        bytes.put(mac(bytes.array()), 0, MAC_BYTES);
        return bytes.array();
    }

    /** The handle a client sent back, or BAD_HANDLE if it is malformed, of another version, or forged. */
    public FileHandle decode(byte[] handle) {
        Objects.requireNonNull(handle, "handle");
        if (handle.length != HANDLE_BYTES) {
            throw new FsException(FsError.BAD_HANDLE,
                    "a file handle is " + HANDLE_BYTES + " bytes; this one is " + handle.length);
        }
        if (handle[0] != VERSION) {
            throw new FsException(FsError.BAD_HANDLE, "unknown file handle version " + (handle[0] & 0xff));
        }
        byte[] expected = Arrays.copyOf(mac(handle), MAC_BYTES);
        byte[] received = Arrays.copyOfRange(handle, SIGNED_BYTES, HANDLE_BYTES);
        // constant time, so that response times do not reveal how many leading MAC bytes were right
        if (!MessageDigest.isEqual(expected, received)) {
            throw new FsException(FsError.BAD_HANDLE, "the file handle was not issued by this server");
        }
        ByteBuffer fields = ByteBuffer.wrap(handle, 1, SIGNED_BYTES - 1);
        return new FileHandle(fields.getLong(), fields.getLong(), fields.getInt());
    }

    @Override
    public String toString() {
        return "FileHandles[" + ALGORITHM + ", version " + VERSION + "]";
    }

    /** The full MAC of the signed part of {@code handle}. */
    private byte[] mac(byte[] handle) {
        Mac mac = macForThisCall();
        mac.update(handle, 0, SIGNED_BYTES);
        return mac.doFinal();
    }

    private Mac macForThisCall() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            // a provider whose Mac cannot be copied (some FIPS modules): set up a new one instead
            return newMac(key);
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            // every Java platform must provide HmacSHA256, so this is a broken runtime, not bad input
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
