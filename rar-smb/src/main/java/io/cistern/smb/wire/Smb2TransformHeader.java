package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Objects;

/**
 * SMB2 TRANSFORM_HEADER, [MS-SMB2] 2.2.41: the 52 bytes in front of an encrypted SMB 3.x message. The
 * ciphertext of the original message (header and body) follows it directly.
 *
 * <p>The Nonce field is kept whole (16 bytes): only its first 11 (CCM) or 12 (GCM) bytes feed the cipher,
 * but the rest is part of the authenticated data, and Windows senders do put non-zero bytes there.
 *
 * @param signature           the AEAD tag of the encrypted message, 16 bytes
 * @param nonce               the Nonce field, 16 bytes
 * @param originalMessageSize size of the plaintext message, unsigned 32 bits
 * @param reserved            the Reserved field (0 when sent, kept as received because it is authenticated)
 * @param flags               Flags (3.1.1) or EncryptionAlgorithm (3.0, 3.0.2); 0x0001 in both
 * @param sessionId           the session whose keys encrypted the message
 */
public record Smb2TransformHeader(byte[] signature, byte[] nonce, int originalMessageSize, int reserved, int flags,
                                  long sessionId) {

    /** ProtocolId 0xFD 'S' 'M' 'B' read as a little-endian 32-bit integer. */
    public static final int PROTOCOL_ID = 0x424D_53FD;
    public static final int STRUCTURE_SIZE = 52;
    public static final int SIGNATURE_SIZE = 16;
    public static final int NONCE_SIZE = 16;
    /** The associated data runs from the Nonce field to the end of the header ([MS-SMB2] 3.1.4.3). */
    public static final int AAD_OFFSET = 20;
    public static final int AAD_SIZE = STRUCTURE_SIZE - AAD_OFFSET;
    /** Flags = Encrypted (3.1.1), EncryptionAlgorithm = SMB2_ENCRYPTION_AES128_CCM (3.0, 3.0.2). */
    public static final int FLAGS_ENCRYPTED = 0x0001;

    public Smb2TransformHeader {
        if (signature.length != SIGNATURE_SIZE || nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("a transform header has a 16-byte signature and a 16-byte nonce");
        }
        if ((reserved & ~0xFFFF) != 0 || (flags & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("Reserved and Flags are 16-bit fields");
        }
        signature = signature.clone();
        nonce = nonce.clone();
    }

    /** The header of a message about to be encrypted: no signature yet, Reserved 0, Flags 0x0001. */
    public static Smb2TransformHeader forEncryption(byte[] nonce, int originalMessageSize, long sessionId) {
        return new Smb2TransformHeader(new byte[SIGNATURE_SIZE], nonce, originalMessageSize, 0, FLAGS_ENCRYPTED,
                sessionId);
    }

    /** Reads the 52 header bytes at the reader's position; fails on another ProtocolId or too few bytes. */
    public static Smb2TransformHeader decode(WireReader in) throws SmbWireException {
        int protocolId = in.readInt32();
        if (protocolId != PROTOCOL_ID) {
            throw new SmbWireException(String.format("ProtocolId 0x%08X is not an SMB2 TRANSFORM_HEADER", protocolId));
        }
        byte[] signature = in.readBytes(SIGNATURE_SIZE);
        byte[] nonce = in.readBytes(NONCE_SIZE);
        int originalMessageSize = in.readInt32();
        int reserved = in.readUInt16();
        int flags = in.readUInt16();
        long sessionId = in.readInt64();
        return new Smb2TransformHeader(signature, nonce, originalMessageSize, reserved, flags, sessionId);
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(PROTOCOL_ID);
        out.writeBytes(signature);
        encodeAssociatedData(out);
    }

    /** The 32 bytes from Nonce through SessionId, exactly as they are on the wire. */
    public byte[] associatedData() {
        ByteBuf out = Unpooled.buffer(AAD_SIZE, AAD_SIZE);
        encodeAssociatedData(out);
        return out.array();
    }

    private void encodeAssociatedData(ByteBuf out) {
        out.writeBytes(nonce);
        out.writeIntLE(originalMessageSize);
        out.writeShortLE(reserved);
        out.writeShortLE(flags);
        out.writeLongLE(sessionId);
    }

    /** A copy of this header carrying {@code newSignature}: the sender fills the tag in after encrypting. */
    public Smb2TransformHeader withSignature(byte[] newSignature) {
        return new Smb2TransformHeader(newSignature, nonce, originalMessageSize, reserved, flags, sessionId);
    }

    public long originalMessageSizeUnsigned() {
        return Integer.toUnsignedLong(originalMessageSize);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    // a record compares arrays by identity; a header is a value, so compare the bytes
    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2TransformHeader h && originalMessageSize == h.originalMessageSize
                && reserved == h.reserved && flags == h.flags && sessionId == h.sessionId
                && Arrays.equals(signature, h.signature) && Arrays.equals(nonce, h.nonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(originalMessageSize, reserved, flags, sessionId, Arrays.hashCode(signature),
                Arrays.hashCode(nonce));
    }

    @Override
    public String toString() {
        return "Smb2TransformHeader[originalMessageSize=" + originalMessageSizeUnsigned() + ", flags=0x"
                + Integer.toHexString(flags) + ", sessionId=0x" + Long.toHexString(sessionId) + "]";
    }
}
