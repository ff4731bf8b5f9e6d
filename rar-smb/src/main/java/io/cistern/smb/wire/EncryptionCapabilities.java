package io.cistern.smb.wire;

import java.util.List;

/**
 * SMB2_ENCRYPTION_CAPABILITIES, [MS-SMB2] 2.2.3.1.2: CipherCount, then the cipher ids (AES-128-CCM 0x0001,
 * AES-128-GCM 0x0002, AES-256-CCM 0x0003, AES-256-GCM 0x0004), in the sender's order of preference. A server
 * answers with one cipher, or with 0 when it shares none with the client.
 */
public record EncryptionCapabilities(List<Integer> ciphers) {
    public EncryptionCapabilities {
        ciphers = List.copyOf(ciphers);
    }

    public static EncryptionCapabilities decode(byte[] data) throws SmbWireException {
        return new EncryptionCapabilities(CountedIdList.decode(data, "SMB2_ENCRYPTION_CAPABILITIES"));
    }

    public Smb2NegotiateContext toContext() {
        return new Smb2NegotiateContext(Smb2NegotiateContext.ENCRYPTION_CAPABILITIES, CountedIdList.encode(ciphers));
    }
}
