package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SMB2_PREAUTH_INTEGRITY_CAPABILITIES, [MS-SMB2] 2.2.3.1.1: HashAlgorithmCount, SaltLength, the hash algorithms
 * (0x0001 SHA-512 is the only one defined), then the salt.
 */
public record PreauthIntegrityCapabilities(List<Integer> hashAlgorithms, byte[] salt) {
    public static final int SHA_512 = 0x0001;

    public PreauthIntegrityCapabilities {
        hashAlgorithms = List.copyOf(hashAlgorithms);
        salt = salt.clone();
    }

    public static PreauthIntegrityCapabilities decode(byte[] data) throws SmbWireException {
        WireReader in = new WireReader(Unpooled.wrappedBuffer(data));
        int count = in.readUInt16();
        int saltLength = in.readUInt16();
        if (count == 0) {
            throw new SmbWireException("a pre-authentication integrity context without hash algorithms");
        }
        List<Integer> algorithms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            algorithms.add(in.readUInt16());
        }
        return new PreauthIntegrityCapabilities(algorithms, in.readBytes(saltLength));
    }

    public Smb2NegotiateContext toContext() {
        ByteBuf out = Unpooled.buffer();
        out.writeShortLE(hashAlgorithms.size());
        out.writeShortLE(salt.length);
        hashAlgorithms.forEach(out::writeShortLE);
        out.writeBytes(salt);
        return new Smb2NegotiateContext(Smb2NegotiateContext.PREAUTH_INTEGRITY_CAPABILITIES,
                ByteBufUtil.getBytes(out));
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PreauthIntegrityCapabilities p && hashAlgorithms.equals(p.hashAlgorithms)
                && Arrays.equals(salt, p.salt);
    }

    @Override
    public int hashCode() {
        return 31 * hashAlgorithms.hashCode() + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "PreauthIntegrityCapabilities[" + hashAlgorithms + ", salt " + salt.length + " bytes]";
    }
}
