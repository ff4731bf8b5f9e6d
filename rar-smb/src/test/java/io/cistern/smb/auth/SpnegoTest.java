package io.cistern.smb.auth;

import io.cistern.smb.TestHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.spnego.NegTokenInit2;
import com.hierynomus.spnego.NegTokenTarg;
import io.cistern.smb.auth.NegTokenResp.NegState;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SPNEGO tokens and the strict DER beneath them, checked against smbj's independent ASN.1 code. */
class SpnegoTest {
    private static final String NTLM = SpnegoMechanism.NTLMSSP.oid();
    private static final String KRB5 = "1.2.840.113554.1.2.2";

    @Test
    void negotiateHintIsReadableBySmbjAndOffersNtlmssp() throws Exception {
        byte[] hint = SpnegoNtlmAcceptor.negotiateResponseHint();
        com.hierynomus.spnego.NegTokenInit parsed = new NegTokenInit2().read(hint);
        assertEquals(List.of(NTLM), parsed.getSupportedMechTypes().stream().map(oid -> oid.getValue()).toList());
        assertEquals(0x60, hint[0] & 0xFF, "RFC 2743 3.1 framing");
        String hex = TestHex.lowerHex(hint);
        assertTrue(hex.contains("2b0601050502"), "SPNEGO OID 1.3.6.1.5.5.2");
        assertTrue(hex.contains("2b06010401823702020a"), "NTLMSSP OID 1.3.6.1.4.1.311.2.2.10");
    }

    @Test
    void smbjNegTokenInitDecodesToItsNtlmNegotiate() throws Exception {
        NegTokenInit init = NegTokenInit.decode(SmbjNtlmClient.forUser("u", "p", "D").negTokenInit());
        assertEquals(List.of(NTLM), init.mechTypes());
        NegotiateMessage negotiate = NegotiateMessage.decode(init.mechToken());
        assertTrue(negotiate.has(NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY));
        assertNull(init.mechListMic());
    }

    @Test
    void negTokenInitRoundTripsAndItsMechTypesDerIsWhatWasSent() throws Exception {
        NegTokenInit init = new NegTokenInit(List.of(KRB5, NTLM), new byte[] {1, 2, 3}, new byte[] {9});
        byte[] encoded = init.encode();
        NegTokenInit decoded = NegTokenInit.decode(encoded);
        assertEquals(init.mechTypes(), decoded.mechTypes());
        assertArrayEquals(init.mechToken(), decoded.mechToken());
        assertArrayEquals(init.mechListMic(), decoded.mechListMic());
        assertTrue(TestHex.lowerHex(encoded).contains(TestHex.lowerHex(decoded.mechTypesDer())));
        assertEquals("3017" + "06092a864886f712010202" + "060a2b06010401823702020a", TestHex.lowerHex(decoded.mechTypesDer()));
    }

    @Test
    void negTokenRespRoundTripsAndSmbjReadsIt() throws Exception {
        NegTokenResp resp = new NegTokenResp(NegState.ACCEPT_INCOMPLETE, NTLM, new byte[] {4, 5}, new byte[] {6});
        byte[] encoded = resp.encode();
        NegTokenResp decoded = NegTokenResp.decode(encoded);
        assertEquals(NegState.ACCEPT_INCOMPLETE, decoded.negState());
        assertEquals(NTLM, decoded.supportedMech());
        assertArrayEquals(new byte[] {4, 5}, decoded.responseToken());
        assertArrayEquals(new byte[] {6}, decoded.mechListMic());

        NegTokenTarg smbj = new NegTokenTarg().read(encoded);
        assertEquals(BigInteger.ONE, smbj.getNegotiationResult());
        assertEquals(NTLM, smbj.getSupportedMech().getValue());
        assertArrayEquals(new byte[] {4, 5}, smbj.getResponseToken());
    }

    @Test
    void garbageAndNonDerEncodingsAreRefused() {
        String[] tokens = {
            "",                                    // nothing
            "00",                                  // not the 0x60 framing
            "6005",                                // length overruns the token
            "6080",                                // indefinite length
            "608105" + "0603 2b0601",              // non-minimal length form
            "608500000000",                        // five length octets
            "600106" + "00",                       // trailing byte after the framing
            "6007 0606 2b06010505",                // nested OID overruns its container
            "600b 0609 2a864886f712010202",        // Kerberos, not SPNEGO, framing
            "600a 0608 2b06010505028000",          // OID arc with a leading 0x80 (non-minimal)
            "6008 0606 2b0601050582",              // OID ending mid-arc
            "6010 0606 2b0601050502 a006 3004 a002 3000", // empty mechTypes
        };
        for (String token : tokens) {
            assertThrows(MalformedTokenException.class, () -> NegTokenInit.decode(TestHex.bytes(token)), token);
        }
    }

    @Test
    void nestedLengthOverflowIsRefused() {
        // The SEQUENCE holds 4 bytes but its inner [0] claims 0x7f.
        byte[] token = TestHex.bytes("a106 3004 a07f 0a01");
        MalformedTokenException e = assertThrows(MalformedTokenException.class, () -> NegTokenResp.decode(token));
        assertTrue(e.getMessage().contains("overruns its container"), e.getMessage());
        byte[] lengthNearIntMax = TestHex.bytes("a1 84 7fffffff 30");
        assertThrows(MalformedTokenException.class, () -> NegTokenResp.decode(lengthNearIntMax));
    }

    @Test
    void negTokenRespFieldsMustBeKnownOrderedAndWellTyped() {
        String[] tokens = {
            "a107 3005 a003 0a0107",           // negState 7 does not exist
            "a10c 300a a203 040100 a003 0a0101", // out of order
            "a107 3005 a503 040100",           // unknown field [5]
            "a107 3005 a203 240100",           // constructed OCTET STRING (not DER)
            "a108 3006 a004 0a020001",         // two-octet ENUMERATED
            "a1 8103 3001 00",                 // non-minimal long form
            "a104 3002 bf00",                  // high-tag-number form
        };
        for (String token : tokens) {
            assertThrows(MalformedTokenException.class, () -> NegTokenResp.decode(TestHex.bytes(token)), token);
        }
    }

    @Test
    void oidArcOverflowIsRefused() {
        byte[] token = TestHex.bytes("a1 11 300f a10d 060b 2bffffffffffffffffff7f");
        assertThrows(MalformedTokenException.class, () -> NegTokenResp.decode(token));
    }

    @Test
    void randomMutationsOfARealTokenNeverEscapeAsUncheckedExceptions() throws Exception {
        byte[] genuine = SmbjNtlmClient.forUser("u", "p", "D").negTokenInit();
        Random random = new Random(77);
        int refused = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] token = genuine.clone();
            token[random.nextInt(token.length)] = (byte) random.nextInt(256);
            try {
                NegTokenInit.decode(token);
                NegTokenResp.decode(token);
            } catch (MalformedTokenException expected) {
                refused++;
            }
        }
        assertTrue(refused > 0);
    }
}
