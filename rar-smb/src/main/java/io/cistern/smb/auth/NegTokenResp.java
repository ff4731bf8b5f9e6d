package io.cistern.smb.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Every SPNEGO token after the first, RFC 4178 section 4.2.2 ([MS-SPNG] calls it NegTokenResp too); carried
 * bare as {@code NegotiationToken} choice [1], without the RFC 2743 framing.
 *
 * <pre>
 * NegTokenResp ::= SEQUENCE {
 *     negState      [0] ENUMERATED { accept-completed(0), accept-incomplete(1), reject(2), request-mic(3) } OPTIONAL,
 *     supportedMech [1] MechType OPTIONAL,
 *     responseToken [2] OCTET STRING OPTIONAL,
 *     mechListMIC   [3] OCTET STRING OPTIONAL }
 * </pre>
 *
 * @param negState      null when absent (the initiator's later tokens usually omit it)
 * @param supportedMech OID, or null
 * @param responseToken the mechanism token, or null
 * @param mechListMic   or null
 */
public record NegTokenResp(NegState negState, String supportedMech, byte[] responseToken, byte[] mechListMic) {
    private static final int NEGOTIATION_TOKEN_RESP = 0xA1;

    /** RFC 4178 section 4.2.2 negState. */
    public enum NegState {
        ACCEPT_COMPLETED, ACCEPT_INCOMPLETE, REJECT, REQUEST_MIC;

        static NegState of(int value) throws MalformedTokenException {
            if (value >= values().length) {
                throw new MalformedTokenException("NegTokenResp: unknown negState " + value);
            }
            return values()[value];
        }
    }

    public NegTokenResp {
        responseToken = responseToken == null ? null : responseToken.clone();
        mechListMic = mechListMic == null ? null : mechListMic.clone();
    }

    @Override
    public byte[] responseToken() {
        return responseToken == null ? null : responseToken.clone();
    }

    @Override
    public byte[] mechListMic() {
        return mechListMic == null ? null : mechListMic.clone();
    }

    public static NegTokenResp decode(byte[] token) throws MalformedTokenException {
        DerReader outer = new DerReader(token);
        DerReader choice = outer.next(NEGOTIATION_TOKEN_RESP).contents();
        outer.requireEnd();
        DerReader fields = choice.next(DerReader.TAG_SEQUENCE).contents();
        choice.requireEnd();
        NegState negState = null;
        String supportedMech = null;
        byte[] responseToken = null;
        byte[] mechListMic = null;
        int previousNumber = -1;
        while (fields.hasMore()) {
            DerReader.Element field = fields.next();
            int number = field.tag() - 0xA0;
            if (number < 0 || number > 3 || number <= previousNumber) {
                throw new MalformedTokenException("NegTokenResp: unexpected or out-of-order field tag 0x"
                        + Integer.toHexString(field.tag()));
            }
            previousNumber = number;
            DerReader value = field.contents();
            switch (number) {
                case 0 -> negState = NegState.of(DerReader.enumerated(value.next(DerReader.TAG_ENUMERATED)));
                case 1 -> supportedMech = DerReader.oid(value.next(DerReader.TAG_OID));
                case 2 -> responseToken = value.next(DerReader.TAG_OCTET_STRING).content();
                default -> mechListMic = value.next(DerReader.TAG_OCTET_STRING).content();
            }
            value.requireEnd();
        }
        return new NegTokenResp(negState, supportedMech, responseToken, mechListMic);
    }

    public byte[] encode() {
        List<byte[]> fields = new ArrayList<>();
        if (negState != null) {
            fields.add(DerWriter.context(0, DerWriter.enumerated(negState.ordinal())));
        }
        if (supportedMech != null) {
            fields.add(DerWriter.context(1, DerWriter.oid(supportedMech)));
        }
        if (responseToken != null) {
            fields.add(DerWriter.context(2, DerWriter.octetString(responseToken)));
        }
        if (mechListMic != null) {
            fields.add(DerWriter.context(3, DerWriter.octetString(mechListMic)));
        }
        return DerWriter.tlv(NEGOTIATION_TOKEN_RESP, DerWriter.sequence(fields.toArray(byte[][]::new)));
    }

    @Override
    public String toString() {
        return "NegTokenResp[negState=" + negState + ", supportedMech=" + supportedMech + ", responseTokenPresent="
                + (responseToken != null) + ", mechListMicPresent=" + (mechListMic != null) + "]";
    }
}
