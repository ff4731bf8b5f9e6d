package io.cistern.smb.wire;

import java.util.List;

/**
 * SMB2_SIGNING_CAPABILITIES, [MS-SMB2] 2.2.3.1.7: SigningAlgorithmCount, then the algorithm ids (HMAC-SHA256
 * 0x0000, AES-CMAC 0x0001, AES-GMAC 0x0002), in the sender's order of preference. A server answers with the one it
 * chose.
 */
public record SigningCapabilities(List<Integer> algorithms) {
    public SigningCapabilities {
        algorithms = List.copyOf(algorithms);
    }

    public static SigningCapabilities decode(byte[] data) throws SmbWireException {
        return new SigningCapabilities(CountedIdList.decode(data, "SMB2_SIGNING_CAPABILITIES"));
    }

    public Smb2NegotiateContext toContext() {
        return new Smb2NegotiateContext(Smb2NegotiateContext.SIGNING_CAPABILITIES, CountedIdList.encode(algorithms));
    }
}
