package io.cistern.smb.auth;

/**
 * The server's names as the CHALLENGE_MESSAGE announces them: TargetName and the TargetInfo AV pairs of
 * [MS-NLMP] 2.2.2.1. The NetBIOS names are mandatory there; the DNS names are omitted when empty.
 */
public record NtlmTargetNames(String netbiosComputerName, String netbiosDomainName, String dnsComputerName,
                              String dnsDomainName) {
    public NtlmTargetNames {
        if (netbiosComputerName == null || netbiosComputerName.isBlank()
                || netbiosDomainName == null || netbiosDomainName.isBlank()) {
            throw new IllegalArgumentException("the NetBIOS computer and domain names are required");
        }
        dnsComputerName = dnsComputerName == null ? "" : dnsComputerName;
        dnsDomainName = dnsDomainName == null ? "" : dnsDomainName;
    }
}
