package io.cistern.smb.crypto;

import io.cistern.smb.wire.Smb2TransformHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * AES-GCM encryption of an SMB2 message into a TRANSFORM_HEADER message ([MS-SMB2] 3.1.4.3) that reads the message
 * where it lies — the pieces of a composite buffer, direct memory lent by the application included — and writes
 * the ciphertext into pooled direct pieces of {@link #PIECE_BYTES}, never into one array the size of the message:
 * a READ's megabytes would otherwise be copied out, sealed into a new array and copied again, each time into memory
 * allocated afresh. The result is a composite of the transform header and those pieces.
 */
final class GcmMessageSealer {
    static final int PIECE_BYTES = 1 << 20;
    /**
     * At most this much per call of the cipher: the JDK's AES-CTR and GHASH intrinsics (AES-NI, carry-less multiply)
     * replace those methods only in compiled callers, and a caller that hands over megabytes at once is called too
     * seldom to be compiled, so its one long call runs the plain Java loops, several times slower. Calls of this
     * size make the path hot within the first responses.
     */
    static final int UPDATE_BYTES = 64 * 1024;
    /** Room kept free in a piece for the bytes the cipher buffers (under a block) and its tag. */
    private static final int SLACK = 2 * Smb2Cipher.TAG_LENGTH;

    private GcmMessageSealer() {
    }

    /** The transformed message; {@code message}'s indices do not move, and it stays the caller's. */
    static ByteBuf seal(ByteBuf message, byte[] key, byte[] nonceField, int nonceLength, long sessionId) {
        Smb2TransformHeader header = Smb2TransformHeader.forEncryption(nonceField, message.readableBytes(), sessionId);
        ByteBufAllocator alloc = message.alloc();
        CompositeByteBuf out = alloc.compositeDirectBuffer(Integer.MAX_VALUE);
        ByteBuf piece = null;
        try {
            // the header's place; its Signature is the tag, known at the end
            out.addComponent(true, alloc.directBuffer(Smb2TransformHeader.STRUCTURE_SIZE)
                    .writeZero(Smb2TransformHeader.STRUCTURE_SIZE));
            Cipher gcm = AeadCipher.Gcm.init(Cipher.ENCRYPT_MODE, key, Arrays.copyOf(nonceField, nonceLength),
                    header.associatedData());
            for (ByteBuffer in : message.nioBuffers()) {
                while (in.hasRemaining()) {
                    if (piece == null || piece.writableBytes() <= SLACK) {
                        if (piece != null) {
                            out.addComponent(true, piece);
                        }
                        piece = null;
                        piece = alloc.directBuffer(PIECE_BYTES, PIECE_BYTES);
                    }
                    int take = Math.min(Math.min(in.remaining(), piece.writableBytes() - SLACK), UPDATE_BYTES);
                    ByteBuffer source = in.duplicate().limit(in.position() + take);
                    in.position(in.position() + take);
                    int written = gcm.update(source, piece.nioBuffer(piece.writerIndex(), piece.writableBytes()));
                    piece.writerIndex(piece.writerIndex() + written);
                }
            }
            byte[] last = gcm.doFinal();
            int tail = last.length - Smb2Cipher.TAG_LENGTH;
            if (piece == null) {
                piece = alloc.directBuffer(Math.max(tail, 1));
            }
            piece.writeBytes(last, 0, tail);
            out.addComponent(true, piece);
            piece = null;
            ByteBuf headerBytes = Unpooled.buffer(Smb2TransformHeader.STRUCTURE_SIZE);
            header.withSignature(Arrays.copyOfRange(last, tail, last.length)).encode(headerBytes);
            out.setBytes(0, headerBytes, 0, Smb2TransformHeader.STRUCTURE_SIZE);
            return out;
        } catch (GeneralSecurityException e) {
            release(out, piece);
            throw new IllegalStateException("AES-GCM encryption failed", e);
        } catch (RuntimeException | Error e) {
            release(out, piece);
            throw e;
        }
    }

    private static void release(ByteBuf out, ByteBuf piece) {
        if (piece != null) {
            piece.release();
        }
        out.release();
    }
}
