package io.cistern.smb.auth;

import java.nio.charset.StandardCharsets;

/**
 * CHALLENGE_MESSAGE, [MS-NLMP] 2.2.1.2: the server's answer, carrying the flags it grants, the 8-byte server
 * challenge and the TargetInfo AV_PAIR list (2.2.2.1).
 *
 * <pre>
 *  0 Signature   8 MessageType = 2   12 TargetNameFields   20 NegotiateFlags   24 ServerChallenge (8)
 * 32 Reserved (8)   40 TargetInfoFields   48 Version (8)   56 payload: TargetName, TargetInfo
 * </pre>
 *
 * {@link #encode()} always writes the Version slot (zeros when {@code version} is null): clients such as smbj
 * read those 8 bytes whether or not NTLMSSP_NEGOTIATE_VERSION is set.
 *
 * @param negotiateFlags  the flags the server grants, [MS-NLMP] 2.2.2.5
 * @param targetName      TargetName (UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE), empty when absent
 * @param serverChallenge the 8-byte nonce
 * @param targetInfo      TargetInfo; empty when absent
 * @param version         VERSION (2.2.2.10), or null
 */
public record ChallengeMessage(int negotiateFlags, String targetName, byte[] serverChallenge,
                               AvPairList targetInfo, NtlmVersion version) {
    public static final int MESSAGE_TYPE = 2;
    private static final int HEADER_WITHOUT_VERSION = 48;
    private static final int HEADER_WITH_VERSION = 56;
    private static final int MAX_NAME_BYTES = 1024;
    private static final int MAX_TARGET_INFO_BYTES = 8 * 1024;

    public ChallengeMessage {
        targetName = targetName == null ? "" : targetName;
        targetInfo = targetInfo == null ? AvPairList.empty() : targetInfo;
        if (serverChallenge == null || serverChallenge.length != 8) {
            throw new IllegalArgumentException("ServerChallenge must be 8 bytes");
        }
        serverChallenge = serverChallenge.clone();
    }

    @Override
    public byte[] serverChallenge() {
        return serverChallenge.clone();
    }

    public static ChallengeMessage decode(byte[] message) throws MalformedTokenException {
        NtlmMessageReader reader = new NtlmMessageReader(message, MESSAGE_TYPE, "CHALLENGE_MESSAGE",
                HEADER_WITHOUT_VERSION);
        int flags = reader.uint32(20);
        byte[] targetName = reader.payload(12, MAX_NAME_BYTES, "TargetName");
        byte[] targetInfo = reader.payload(40, MAX_TARGET_INFO_BYTES, "TargetInfo");
        NtlmVersion version = null;
        if (NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION)
                && reader.lowestPayloadOffset() >= HEADER_WITH_VERSION) {
            version = NtlmVersion.decode(message, HEADER_WITHOUT_VERSION);
        }
        String name = NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE)
                ? reader.unicode(targetName, "TargetName") : new String(targetName, StandardCharsets.ISO_8859_1);
        AvPairList info = targetInfo.length == 0 ? AvPairList.empty() : AvPairList.decode(targetInfo);
        return new ChallengeMessage(flags, name, reader.fixedBytes(24, 8), info, version);
    }

    public byte[] encode() {
        NtlmMessageWriter writer = new NtlmMessageWriter(MESSAGE_TYPE, HEADER_WITH_VERSION);
        writer.putUInt32(20, negotiateFlags);
        writer.putBytes(24, serverChallenge);
        if (version != null) {
            writer.putBytes(HEADER_WITHOUT_VERSION, version.encode());
        }
        boolean unicode = NegotiateFlags.isSet(negotiateFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE);
        writer.putPayload(12, targetName.getBytes(unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1));
        writer.putPayload(40, targetInfo.pairs().isEmpty() ? new byte[0] : targetInfo.encode());
        return writer.toByteArray();
    }

    @Override
    public String toString() {
        return "ChallengeMessage[negotiateFlags=0x" + Integer.toHexString(negotiateFlags) + ", targetName="
                + targetName + ", targetInfo=" + targetInfo + ", version=" + version + "]";
    }
}
