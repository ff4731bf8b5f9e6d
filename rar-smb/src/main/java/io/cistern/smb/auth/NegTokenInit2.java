package io.cistern.smb.auth;

import java.util.List;

/**
 * The server's unsolicited SPNEGO hint for the SMB2 NEGOTIATE response's security buffer: NegTokenInit2 of
 * [MS-SPNG] 2.2.1, in the RFC 2743 section 3.1 framing.
 *
 * <pre>
 * NegTokenInit2 ::= SEQUENCE {
 *     mechTypes [0] MechTypeList OPTIONAL, reqFlags [1] ContextFlags OPTIONAL, mechToken [2] OCTET STRING OPTIONAL,
 *     negHints  [3] NegHints OPTIONAL,     mechListMIC [4] OCTET STRING OPTIONAL }
 * NegHints ::= SEQUENCE { hintName [0] GeneralString OPTIONAL, hintAddress [1] OCTET STRING OPTIONAL }
 * </pre>
 *
 * Windows puts the fixed hintName "not_defined_in_RFC4178@please_ignore" there; clients
 * ignore it, and some expect it, so Cistern sends the same.
 */
public final class NegTokenInit2 {
    static final String IGNORED_HINT_NAME = "not_defined_in_RFC4178@please_ignore";

    private NegTokenInit2() {
    }

    /** The hint offering {@code mechanisms} in order of preference. */
    public static byte[] encode(List<SpnegoMechanism> mechanisms) {
        if (mechanisms.isEmpty()) {
            throw new IllegalArgumentException("offer at least one mechanism");
        }
        byte[] mechTypes = DerWriter.sequence(
                mechanisms.stream().map(mechanism -> DerWriter.oid(mechanism.oid())).toArray(byte[][]::new));
        byte[] negHints = DerWriter.sequence(DerWriter.context(0, DerWriter.generalString(IGNORED_HINT_NAME)));
        byte[] negTokenInit2 = DerWriter.sequence(DerWriter.context(0, mechTypes), DerWriter.context(3, negHints));
        return DerWriter.tlv(DerReader.TAG_APPLICATION_0, DerWriter.oid(SpnegoMechanism.SPNEGO_OID),
                DerWriter.context(0, negTokenInit2));
    }
}
