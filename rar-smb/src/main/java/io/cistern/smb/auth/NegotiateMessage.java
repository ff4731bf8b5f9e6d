package io.cistern.smb.auth;

import java.nio.charset.StandardCharsets;

/**
 * NEGOTIATE_MESSAGE, [MS-NLMP] 2.2.1.1: the client's opening NTLMSSP message, carrying the flags it asks for.
 *
 * <pre>
 *  0 Signature "NTLMSSP\0"   8 MessageType = 1   12 NegotiateFlags
 * 16 DomainNameFields       24 WorkstationFields 32 Version (8, if room)   payload
 * </pre>
 *
 * DomainName and Workstation are in the OEM character set; they are carried as ISO-8859-1 strings so that
 * decode and encode round-trip byte for byte whatever code page the client used.
 *
 * @param negotiateFlags [MS-NLMP] 2.2.2.5 bits
 * @param domainName     DomainName, empty when absent
 * @param workstation    Workstation, empty when absent
 * @param version        the VERSION structure (2.2.2.10), or null when absent
 */
public record NegotiateMessage(int negotiateFlags, String domainName, String workstation, NtlmVersion version) {
    public static final int MESSAGE_TYPE = 1;
    private static final int HEADER_WITHOUT_VERSION = 32;
    private static final int HEADER_WITH_VERSION = 40;
    private static final int MAX_NAME_BYTES = 1024;

    public NegotiateMessage {
        domainName = domainName == null ? "" : domainName;
        workstation = workstation == null ? "" : workstation;
    }

    public static NegotiateMessage decode(byte[] message) throws MalformedTokenException {
        NtlmMessageReader reader = new NtlmMessageReader(message, MESSAGE_TYPE, "NEGOTIATE_MESSAGE",
                HEADER_WITHOUT_VERSION);
        int flags = reader.uint32(12);
        byte[] domain = reader.payload(16, MAX_NAME_BYTES, "DomainName");
        byte[] workstation = reader.payload(24, MAX_NAME_BYTES, "Workstation");
        NtlmVersion version = null;
        if (NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION)
                && reader.lowestPayloadOffset() >= HEADER_WITH_VERSION) {
            version = NtlmVersion.decode(message, HEADER_WITHOUT_VERSION);
        }
        return new NegotiateMessage(flags, new String(domain, StandardCharsets.ISO_8859_1),
                new String(workstation, StandardCharsets.ISO_8859_1), version);
    }

    public byte[] encode() {
        NtlmMessageWriter writer = new NtlmMessageWriter(MESSAGE_TYPE,
                version == null ? HEADER_WITHOUT_VERSION : HEADER_WITH_VERSION);
        writer.putUInt32(12, negotiateFlags);
        if (version != null) {
            writer.putBytes(HEADER_WITHOUT_VERSION, version.encode());
        }
        writer.putPayload(16, domainName.getBytes(StandardCharsets.ISO_8859_1));
        writer.putPayload(24, workstation.getBytes(StandardCharsets.ISO_8859_1));
        return writer.toByteArray();
    }

    public boolean has(int flag) {
        return NegotiateFlags.isSet(negotiateFlags, flag);
    }
}
