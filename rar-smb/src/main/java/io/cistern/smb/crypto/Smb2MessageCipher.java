package io.cistern.smb.crypto;

import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2TransformHeader;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * Encrypts SMB2 messages into an SMB2 TRANSFORM_HEADER and decrypts them again with one key and cipher
 * ([MS-SMB2] 2.2.41, 3.1.4.3 Encrypting the Message, 3.3.5.2.1 Decrypting the Message). A server session
 * uses two: one with Session.EncryptionKey for what it sends, one with Session.DecryptionKey for what it
 * receives ({@link Smb2SessionKeys}).
 *
 * <p>The cipher's nonce is the first 11 (CCM) or 12 (GCM) bytes of the Nonce field; the additional
 * authenticated data is the transform header from Nonce through SessionId (32 bytes); the tag goes into
 * the Signature field; Flags/EncryptionAlgorithm is 0x0001. Thread-safe.
 */
public final class Smb2MessageCipher {
    private final Smb2Cipher cipher;
    private final byte[] key;
    private final AeadCipher aead;
    private final Smb2NonceGenerator nonces;

    /** A cipher for {@code key}, which must have {@link Smb2Cipher#keyLength()} bytes. */
    public Smb2MessageCipher(Smb2Cipher cipher, byte[] key) {
        this(cipher, key, new Smb2NonceGenerator(cipher));
    }

    Smb2MessageCipher(Smb2Cipher cipher, byte[] key, Smb2NonceGenerator nonces) {
        if (key.length != cipher.keyLength()) {
            throw new IllegalArgumentException(cipher + " needs a " + cipher.keyLength() + "-byte key, not "
                    + key.length + " bytes");
        }
        this.cipher = cipher;
        this.key = key.clone();
        this.aead = AeadCipher.of(cipher);
        this.nonces = nonces;
    }

    public Smb2Cipher cipher() {
        return cipher;
    }

    /** Encrypts a whole SMB2 message (or compound chain) for {@code sessionId} with a fresh nonce. */
    public byte[] encrypt(byte[] message, long sessionId) {
        return encrypt(message, sessionId, nonces.next());
    }

    /**
     * Encrypts the readable bytes of {@code message}; its indices do not move, and it stays the caller's. GCM reads
     * the message where it lies and writes pooled direct buffers ({@link GcmMessageSealer}); CCM, whose
     * implementation takes arrays, goes through one.
     */
    public ByteBuf encrypt(ByteBuf message, long sessionId) {
        return encrypt(message, sessionId, Arrays.copyOf(nonces.next(), Smb2TransformHeader.NONCE_SIZE));
    }

    /** As {@link #encrypt(ByteBuf, long)}, with the whole 16-byte Nonce field given. */
    ByteBuf encrypt(ByteBuf message, long sessionId, byte[] nonceField) {
        if (message.readableBytes() < Smb2Header.STRUCTURE_SIZE) {
            throw new IllegalArgumentException("an SMB2 message has at least 64 bytes, not " + message.readableBytes());
        }
        if (cipher.isGcm()) {
            return GcmMessageSealer.seal(message, key, nonceField, cipher.nonceLength(), sessionId);
        }
        return Unpooled.wrappedBuffer(encryptWithNonceField(ByteBufUtil.getBytes(message), sessionId, nonceField));
    }

    /**
     * Encrypts with a nonce of {@link Smb2Cipher#nonceLength()} bytes chosen by the caller, who then
     * answers for never repeating it under this key. The rest of the Nonce field is zero.
     */
    public byte[] encrypt(byte[] message, long sessionId, byte[] nonce) {
        if (nonce.length != cipher.nonceLength()) {
            throw new IllegalArgumentException(cipher + " takes a " + cipher.nonceLength() + "-byte nonce, not "
                    + nonce.length + " bytes");
        }
        return encryptWithNonceField(message, sessionId, Arrays.copyOf(nonce, Smb2TransformHeader.NONCE_SIZE));
    }

    /** Encrypts with the whole 16-byte Nonce field given, as senders that fill its reserved tail do. */
    byte[] encryptWithNonceField(byte[] message, long sessionId, byte[] nonceField) {
        if (message.length < Smb2Header.STRUCTURE_SIZE) {
            throw new IllegalArgumentException("an SMB2 message has at least 64 bytes, not " + message.length);
        }
        Smb2TransformHeader header = Smb2TransformHeader.forEncryption(nonceField, message.length, sessionId);
        byte[] sealed = aead.seal(key, cipherNonce(nonceField), header.associatedData(), message, 0, message.length);
        int ciphertextLength = sealed.length - Smb2Cipher.TAG_LENGTH;
        byte[] tag = Arrays.copyOfRange(sealed, ciphertextLength, sealed.length);
        ByteBuf out = Unpooled.buffer(Smb2TransformHeader.STRUCTURE_SIZE + ciphertextLength);
        header.withSignature(tag).encode(out);
        out.writeBytes(sealed, 0, ciphertextLength);
        return out.array();
    }

    /** Decrypts a transformed message (transform header and ciphertext, nothing after it). */
    public byte[] decrypt(byte[] transformed) throws Smb2DecryptionException {
        return decrypt(Unpooled.wrappedBuffer(transformed));
    }

    /**
     * Decrypts the readable bytes of {@code transformed}: the transform header and exactly
     * OriginalMessageSize bytes of ciphertext. Fails, releasing no plaintext, if the header is truncated or
     * not a transform header, Flags is not 0x0001, the sizes disagree, or the tag does not verify. Whether
     * the message is then discarded or the connection dropped is the caller's decision (3.3.5.2.1).
     */
    public byte[] decrypt(ByteBuf transformed) throws Smb2DecryptionException {
        Smb2TransformHeader header = checkedHeader(transformed);
        int ciphertextLength = transformed.readableBytes() - Smb2TransformHeader.STRUCTURE_SIZE;
        byte[] ciphertextAndTag = new byte[ciphertextLength + Smb2Cipher.TAG_LENGTH];
        transformed.getBytes(transformed.readerIndex() + Smb2TransformHeader.STRUCTURE_SIZE, ciphertextAndTag, 0,
                ciphertextLength);
        System.arraycopy(header.signature(), 0, ciphertextAndTag, ciphertextLength, Smb2Cipher.TAG_LENGTH);
        try {
            return aead.open(key, cipherNonce(header.nonce()), header.associatedData(), ciphertextAndTag, 0,
                    ciphertextAndTag.length);
        } catch (AEADBadTagException e) {
            throw failedAuthentication(header, e);
        }
    }

    /**
     * As {@link #decrypt(ByteBuf)}, into a buffer the caller releases. GCM opens the message where it lies
     * ({@link GcmMessageOpener}): the plaintext is a slice of {@code transformed}, whose bytes are used up whatever the
     * outcome, though it stays the caller's to release. CCM, whose implementation takes arrays, goes through one.
     */
    public ByteBuf decryptInPlace(ByteBuf transformed) throws Smb2DecryptionException {
        if (!cipher.isGcm()) {
            return Unpooled.wrappedBuffer(decrypt(transformed));
        }
        Smb2TransformHeader header = checkedHeader(transformed);
        int ciphertextLength = transformed.readableBytes() - Smb2TransformHeader.STRUCTURE_SIZE;
        try {
            return GcmMessageOpener.open(transformed, ciphertextLength, header, key, cipherNonce(header.nonce()));
        } catch (AEADBadTagException e) {
            throw failedAuthentication(header, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** The transform header, once the message's sizes are consistent (else, decryption fails as it would). */
    private static Smb2TransformHeader checkedHeader(ByteBuf transformed) throws Smb2DecryptionException {
        Smb2TransformHeader header = decodeHeader(transformed);
        int ciphertextLength = transformed.readableBytes() - Smb2TransformHeader.STRUCTURE_SIZE;
        if (header.originalMessageSizeUnsigned() != ciphertextLength) {
            throw new Smb2DecryptionException("OriginalMessageSize " + header.originalMessageSizeUnsigned()
                    + " does not match the " + ciphertextLength + " bytes of ciphertext");
        }
        if (ciphertextLength < Smb2Header.STRUCTURE_SIZE) {
            throw new Smb2DecryptionException("OriginalMessageSize " + ciphertextLength
                    + " is smaller than an SMB2 header");
        }
        return header;
    }

    private static Smb2DecryptionException failedAuthentication(Smb2TransformHeader header, Exception cause) {
        return new Smb2DecryptionException("the encrypted message for session 0x"
                + Long.toHexString(header.sessionId()) + " failed authentication", cause);
    }

    private static Smb2TransformHeader decodeHeader(ByteBuf transformed) throws Smb2DecryptionException {
        Smb2TransformHeader header;
        try {
            header = Smb2TransformHeader.decode(new WireReader(transformed));
        } catch (SmbWireException e) {
            throw new Smb2DecryptionException("not a valid SMB2 TRANSFORM_HEADER: " + e.getMessage(), e);
        }
        if (header.flags() != Smb2TransformHeader.FLAGS_ENCRYPTED) {
            throw new Smb2DecryptionException("Flags/EncryptionAlgorithm 0x" + Integer.toHexString(header.flags())
                    + " is not 0x0001");
        }
        return header;
    }

    private byte[] cipherNonce(byte[] nonceField) {
        return Arrays.copyOf(nonceField, cipher.nonceLength());
    }

    @Override
    public String toString() {
        return "Smb2MessageCipher[" + cipher + ", key redacted]";
    }
}
