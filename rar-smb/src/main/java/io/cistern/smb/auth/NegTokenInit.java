package io.cistern.smb.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's first SPNEGO token, RFC 4178 section 4.2.1, inside the GSS-API initial-context-token framing of
 * RFC 2743 section 3.1 ({@code [APPLICATION 0] IMPLICIT SEQUENCE { thisMech OID, innerToken }}):
 *
 * <pre>
 * NegotiationToken ::= CHOICE { negTokenInit [0] NegTokenInit, ... }
 * NegTokenInit ::= SEQUENCE {
 *     mechTypes   [0] MechTypeList,           -- SEQUENCE OF OBJECT IDENTIFIER
 *     reqFlags    [1] ContextFlags OPTIONAL,  -- BIT STRING; checked for form, not used by the acceptor
 *     mechToken   [2] OCTET STRING OPTIONAL,  -- optimistic token for mechTypes[0]
 *     mechListMIC [3] OCTET STRING OPTIONAL }
 * </pre>
 *
 * Because {@link DerReader} accepts only canonical DER, {@link #mechTypesDer()} re-encodes exactly the bytes
 * the client sent, which is what the mechListMIC covers (RFC 4178 section 5).
 *
 * @param mechTypes   OIDs in the client's order of preference
 * @param mechToken   the optimistic mechanism token, or null
 * @param mechListMic the mechListMIC, or null
 */
public record NegTokenInit(List<String> mechTypes, byte[] mechToken, byte[] mechListMic) {
    private static final int MAX_MECH_TYPES = 16;

    public NegTokenInit {
        mechTypes = List.copyOf(mechTypes);
        mechToken = mechToken == null ? null : mechToken.clone();
        mechListMic = mechListMic == null ? null : mechListMic.clone();
    }

    @Override
    public byte[] mechToken() {
        return mechToken == null ? null : mechToken.clone();
    }

    @Override
    public byte[] mechListMic() {
        return mechListMic == null ? null : mechListMic.clone();
    }

    public static NegTokenInit decode(byte[] token) throws MalformedTokenException {
        DerReader outer = new DerReader(token);
        DerReader.Element framing = outer.next(DerReader.TAG_APPLICATION_0);
        outer.requireEnd();
        DerReader gss = framing.contents();
        String thisMech = DerReader.oid(gss.next(DerReader.TAG_OID));
        if (!SpnegoMechanism.SPNEGO_OID.equals(thisMech)) {
            throw new MalformedTokenException("GSS-API token for mechanism " + thisMech + ", not SPNEGO");
        }
        DerReader choice = gss.next(0xA0).contents();
        gss.requireEnd();
        DerReader fields = choice.next(DerReader.TAG_SEQUENCE).contents();
        choice.requireEnd();
        return decodeFields(fields);
    }

    private static NegTokenInit decodeFields(DerReader fields) throws MalformedTokenException {
        List<String> mechTypes = null;
        byte[] mechToken = null;
        byte[] mechListMic = null;
        int previousTag = -1;
        while (fields.hasMore()) {
            DerReader.Element field = fields.next();
            int number = field.tag() - 0xA0;
            if (number < 0 || number > 3 || number <= previousTag) {
                throw new MalformedTokenException("NegTokenInit: unexpected or out-of-order field tag 0x"
                        + Integer.toHexString(field.tag()));
            }
            previousTag = number;
            DerReader value = field.contents();
            switch (number) {
                case 0 -> mechTypes = decodeMechTypes(value.next(DerReader.TAG_SEQUENCE).contents());
                case 1 -> DerReader.checkBitString(value.next(DerReader.TAG_BIT_STRING));
                case 2 -> mechToken = value.next(DerReader.TAG_OCTET_STRING).content();
                default -> mechListMic = value.next(DerReader.TAG_OCTET_STRING).content();
            }
            value.requireEnd();
        }
        if (mechTypes == null) {
            throw new MalformedTokenException("NegTokenInit without mechTypes");
        }
        return new NegTokenInit(mechTypes, mechToken, mechListMic);
    }

    private static List<String> decodeMechTypes(DerReader list) throws MalformedTokenException {
        List<String> oids = new ArrayList<>();
        while (list.hasMore()) {
            if (oids.size() == MAX_MECH_TYPES) {
                throw new MalformedTokenException("NegTokenInit: more than " + MAX_MECH_TYPES + " mechTypes");
            }
            oids.add(DerReader.oid(list.next(DerReader.TAG_OID)));
        }
        if (oids.isEmpty()) {
            throw new MalformedTokenException("NegTokenInit: empty mechTypes");
        }
        return oids;
    }

    /** The DER of MechTypeList (the SEQUENCE OF OID, without the [0] tag): what mechListMIC signs. */
    public byte[] mechTypesDer() {
        return DerWriter.sequence(mechTypes.stream().map(DerWriter::oid).toArray(byte[][]::new));
    }

    /** The complete initial-context token. */
    public byte[] encode() {
        List<byte[]> fields = new ArrayList<>();
        fields.add(DerWriter.context(0, mechTypesDer()));
        if (mechToken != null) {
            fields.add(DerWriter.context(2, DerWriter.octetString(mechToken)));
        }
        if (mechListMic != null) {
            fields.add(DerWriter.context(3, DerWriter.octetString(mechListMic)));
        }
        byte[] negTokenInit = DerWriter.context(0, DerWriter.sequence(fields.toArray(byte[][]::new)));
        return DerWriter.tlv(DerReader.TAG_APPLICATION_0, DerWriter.oid(SpnegoMechanism.SPNEGO_OID), negTokenInit);
    }

    @Override
    public String toString() {
        return "NegTokenInit[mechTypes=" + mechTypes + ", mechTokenPresent=" + (mechToken != null)
                + ", mechListMicPresent=" + (mechListMic != null) + "]";
    }
}
