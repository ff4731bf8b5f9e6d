package io.cistern.smb.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * AUTHENTICATE_MESSAGE, [MS-NLMP] 2.2.1.3: the client's proof of identity.
 *
 * <pre>
 *  0 Signature   8 MessageType = 3   12 LmChallengeResponseFields   20 NtChallengeResponseFields
 * 28 DomainNameFields   36 UserNameFields   44 WorkstationFields   52 EncryptedRandomSessionKeyFields
 * 60 NegotiateFlags   64 Version (8, if room)   72 MIC (16, if room)   payload
 * </pre>
 *
 * Version and MIC are optional trailing header parts: they exist when the payload starts late enough to leave
 * room for them. Whether the client <em>claims</em> a MIC is said by MsvAvFlags inside its NTLMv2 response
 * (2.2.2.1), which {@link NtlmV2Verifier} checks. {@link #encode()} lays the payload out in the order of the
 * [MS-NLMP] 4.2.4.3 example (domain, user, workstation, LM, NT, session key).
 *
 * <p>Strings are UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE is set, else OEM (carried as ISO-8859-1).
 * {@link #toString()} omits responses, the encrypted key and the MIC.
 */
public record AuthenticateMessage(int negotiateFlags, byte[] lmChallengeResponse, byte[] ntChallengeResponse,
                                  String domainName, String userName, String workstation,
                                  byte[] encryptedRandomSessionKey, NtlmVersion version, byte[] mic) {
    public static final int MESSAGE_TYPE = 3;
    /** Where the MIC sits when present; the verifier zeroes these 16 bytes to recompute it. */
    public static final int MIC_OFFSET = 72;
    public static final int MIC_LENGTH = 16;
    private static final int HEADER_BASE = 64;
    private static final int MAX_NAME_BYTES = 1024;
    private static final int MAX_LM_RESPONSE_BYTES = 24;
    private static final int MAX_NT_RESPONSE_BYTES = 16 * 1024;
    private static final int SESSION_KEY_BYTES = 16;

    public AuthenticateMessage {
        lmChallengeResponse = copyOrEmpty(lmChallengeResponse);
        ntChallengeResponse = copyOrEmpty(ntChallengeResponse);
        encryptedRandomSessionKey = copyOrEmpty(encryptedRandomSessionKey);
        domainName = domainName == null ? "" : domainName;
        userName = userName == null ? "" : userName;
        workstation = workstation == null ? "" : workstation;
        if (mic != null && mic.length != MIC_LENGTH) {
            throw new IllegalArgumentException("MIC must be 16 bytes");
        }
        mic = mic == null ? null : mic.clone();
    }

    public static AuthenticateMessage decode(byte[] message) throws MalformedTokenException {
        NtlmMessageReader reader = new NtlmMessageReader(message, MESSAGE_TYPE, "AUTHENTICATE_MESSAGE", HEADER_BASE);
        int flags = reader.uint32(60);
        byte[] lm = reader.payload(12, MAX_LM_RESPONSE_BYTES, "LmChallengeResponse");
        byte[] nt = reader.payload(20, MAX_NT_RESPONSE_BYTES, "NtChallengeResponse");
        byte[] domain = reader.payload(28, MAX_NAME_BYTES, "DomainName");
        byte[] user = reader.payload(36, MAX_NAME_BYTES, "UserName");
        byte[] workstation = reader.payload(44, MAX_NAME_BYTES, "Workstation");
        byte[] sessionKey = reader.payload(52, SESSION_KEY_BYTES, "EncryptedRandomSessionKey");
        int payloadStart = reader.lowestPayloadOffset();
        NtlmVersion version = null;
        if (NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION) && payloadStart >= MIC_OFFSET) {
            version = NtlmVersion.decode(message, HEADER_BASE);
        }
        byte[] mic = payloadStart >= MIC_OFFSET + MIC_LENGTH ? reader.fixedBytes(MIC_OFFSET, MIC_LENGTH) : null;
        boolean unicode = NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE);
        return new AuthenticateMessage(flags, lm, nt, text(reader, domain, unicode, "DomainName"),
                text(reader, user, unicode, "UserName"), text(reader, workstation, unicode, "Workstation"),
                sessionKey, version, mic);
    }

    public byte[] encode() {
        int headerLength = HEADER_BASE + (version != null || mic != null ? NtlmVersion.LENGTH : 0)
                + (mic != null ? MIC_LENGTH : 0);
        NtlmMessageWriter writer = new NtlmMessageWriter(MESSAGE_TYPE, headerLength);
        writer.putUInt32(60, negotiateFlags);
        if (version != null) {
            writer.putBytes(HEADER_BASE, version.encode());
        }
        if (mic != null) {
            writer.putBytes(MIC_OFFSET, mic);
        }
        boolean unicode = has(NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE);
        writer.putPayload(28, bytes(domainName, unicode));
        writer.putPayload(36, bytes(userName, unicode));
        writer.putPayload(44, bytes(workstation, unicode));
        writer.putPayload(12, lmChallengeResponse);
        writer.putPayload(20, ntChallengeResponse);
        writer.putPayload(52, encryptedRandomSessionKey);
        return writer.toByteArray();
    }

    public boolean has(int flag) {
        return NegotiateFlags.isSet(negotiateFlags, flag);
    }

    @Override
    public byte[] lmChallengeResponse() {
        return lmChallengeResponse.clone();
    }

    @Override
    public byte[] ntChallengeResponse() {
        return ntChallengeResponse.clone();
    }

    @Override
    public byte[] encryptedRandomSessionKey() {
        return encryptedRandomSessionKey.clone();
    }

    @Override
    public byte[] mic() {
        return mic == null ? null : mic.clone();
    }

    @Override
    public String toString() {
        return "AuthenticateMessage[negotiateFlags=0x" + Integer.toHexString(negotiateFlags) + ", domainName="
                + domainName + ", userName=" + userName + ", workstation=" + workstation + ", ntResponseLength="
                + ntChallengeResponse.length + ", micPresent=" + (mic != null) + ", version=" + version + "]";
    }

    private static String text(NtlmMessageReader reader, byte[] value, boolean unicode, String field)
            throws MalformedTokenException {
        return unicode ? reader.unicode(value, field) : new String(value, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String value, boolean unicode) {
        return value.getBytes(unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    private static byte[] copyOrEmpty(byte[] value) {
        return value == null ? new byte[0] : Arrays.copyOf(value, value.length);
    }
}
