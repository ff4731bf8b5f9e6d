package io.cistern.smb.crypto;

import io.cistern.smb.wire.Smb2TransformHeader;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * AES-GCM decryption of a TRANSFORM_HEADER message ([MS-SMB2] 2.2.41, 3.3.5.2.1.1) in the memory it arrived in: the
 * plaintext is written over the ciphertext, and the result is a slice of the message. A WRITE's megabytes were
 * otherwise copied into one new buffer and opened into another, both larger than what Netty's allocator pools (1 MiB),
 * so that each WRITE allocated, zeroed and page-faulted twice its size afresh and freed it again: that cost more
 * CPU than the decryption itself.
 *
 * <p>The JDK's GCM wants the tag right behind the ciphertext, in one buffer handed to one {@code doFinal} (in
 * decryption it holds back whatever {@code update} is given, as a copy on the heap, until the tag is checked). The
 * tag lies in front, in the header, so the ciphertext is moved down by the tag's length over the header's end (its
 * fields are decoded by then) and the tag written behind it: one move in memory, no buffer of its own. The JDK
 * checks the tag before it writes any plaintext, and it decrypts in place without a copy when the output starts
 * where the input does.
 */
final class GcmMessageOpener {
    private static final int TAG = Smb2Cipher.TAG_LENGTH;

    private GcmMessageOpener() {
    }

    /**
     * The plaintext of {@code transformed} (header and {@code ciphertextLength} bytes of ciphertext, sizes checked by
     * the caller), as a buffer the caller releases. {@code transformed} stays the caller's, with its indices, but its
     * bytes are used up whatever the outcome: unless it cannot be written (read-only, or in pieces), in which case a
     * copy of it is opened instead.
     */
    static ByteBuf open(ByteBuf transformed, int ciphertextLength, Smb2TransformHeader header, byte[] key,
                        byte[] nonce) throws GeneralSecurityException {
        ByteBuf own = writableInOnePiece(transformed)
                ? transformed.retainedSlice()
                : transformed.alloc().directBuffer(transformed.readableBytes()).writeBytes(transformed,
                        transformed.readerIndex(), transformed.readableBytes());
        try {
            int at = own.readerIndex() + Smb2TransformHeader.STRUCTURE_SIZE - TAG;
            // slice(): compact() moves to the view's start, which must be this index whatever view Netty returns
            ByteBuffer sealed = own.nioBuffer(at, ciphertextLength + TAG).slice();
            sealed.position(TAG);
            sealed.compact();
            sealed.put(header.signature());
            sealed.flip();
            ByteBuffer plaintext = sealed.duplicate().limit(ciphertextLength);
            Cipher gcm = AeadCipher.Gcm.init(Cipher.DECRYPT_MODE, key, nonce, header.associatedData());
            int opened = gcm.doFinal(sealed, plaintext);
            return own.retainedSlice(at, opened);
        } finally {
            own.release();
        }
    }

    private static boolean writableInOnePiece(ByteBuf buffer) {
        return !buffer.isReadOnly() && buffer.nioBufferCount() == 1;
    }
}
