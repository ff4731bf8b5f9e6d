package io.cistern.smb.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * The GSS-API mechanisms Cistern offers through SPNEGO, in order of preference. Only NTLMSSP today; Kerberos
 * joins here (MS KRB5 1.2.840.48018.1.2.2 first, as Windows lists it, then KRB5 1.2.840.113554.1.2.2) once an
 * acceptor for it exists, and {@link SpnegoNtlmAcceptor} is the place that then dispatches by mechanism.
 */
public enum SpnegoMechanism {
    /** [MS-NLMP] 1.9: NTLM over GSS-API / SPNEGO. */
    NTLMSSP("1.3.6.1.4.1.311.2.2.10");

    /** SPNEGO itself, RFC 4178 section 3: the mechanism OID of the RFC 2743 3.1 initial-context token. */
    public static final String SPNEGO_OID = "1.3.6.1.5.5.2";

    private final String oid;

    SpnegoMechanism(String oid) {
        this.oid = oid;
    }

    public String oid() {
        return oid;
    }

    public static Optional<SpnegoMechanism> fromOid(String oid) {
        return Arrays.stream(values()).filter(mechanism -> mechanism.oid.equals(oid)).findFirst();
    }
}
