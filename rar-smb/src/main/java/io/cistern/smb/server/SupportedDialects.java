package io.cistern.smb.server;

import io.cistern.smb.wire.Smb1NegotiateRequest;
import io.cistern.smb.wire.Smb2Dialect;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SMB2 dialects this server implements, and the dialect choice of [MS-SMB2] 3.3.5.3 (multi-protocol
 * negotiate) and 3.3.5.4 (SMB2 NEGOTIATE). All five are implemented ({@link #IMPLEMENTED}) with their signing
 * rules (HMAC-SHA256 for 2.x, AES-CMAC for 3.0 and 3.0.2, the negotiated algorithm for 3.1.1) and 3.1.1's
 * pre-authentication integrity. Which optional capabilities are announced (leases and large MTU from 2.1 on,
 * encryption) is {@link NegotiateResponder}'s to say; multi-channel, persistent handles and directory leases are not.
 */
public final class SupportedDialects {
    private static final Set<Integer> DEFINED = Set.of(Smb2Dialect.SMB_2_0_2, Smb2Dialect.SMB_2_1, Smb2Dialect.SMB_3_0,
            Smb2Dialect.SMB_3_0_2, Smb2Dialect.SMB_3_1_1);

    /** What the server really implements. */
    public static final SupportedDialects IMPLEMENTED = new SupportedDialects(Set.of(Smb2Dialect.SMB_2_0_2,
            Smb2Dialect.SMB_2_1, Smb2Dialect.SMB_3_0, Smb2Dialect.SMB_3_0_2, Smb2Dialect.SMB_3_1_1));

    private final TreeSet<Integer> dialects;

    /** Any set of defined dialects that includes 2.0.2; tests use wider sets to exercise the 2.1+ rules. */
    public SupportedDialects(Set<Integer> dialects) {
        if (!DEFINED.containsAll(dialects) || !dialects.contains(Smb2Dialect.SMB_2_0_2)) {
            throw new IllegalArgumentException("dialects must include 0x0202 and be among " + DEFINED);
        }
        this.dialects = new TreeSet<>(dialects);
    }

    /**
     * [MS-SMB2] 3.3.5.4: the greatest dialect both sides implement, or {@link Smb2Dialect#NONE} when there
     * is none. The client's order does not matter.
     */
    public int selectFrom(List<Integer> offered) {
        for (int dialect : dialects.descendingSet()) {
            if (offered.contains(dialect)) {
                return dialect;
            }
        }
        return Smb2Dialect.NONE;
    }

    /**
     * [MS-SMB2] 3.3.5.3.1 and 3.3.5.3.2: the DialectRevision answering an SMB_COM_NEGOTIATE, or
     * {@link Smb2Dialect#NONE} when the client offers SMB1 dialects only. "SMB 2.???" asks for the wildcard
     * 0x02FF, but 3.3.5.3.1 applies only to a server that implements 2.1 or 3.x: until then processing
     * continues with 3.3.5.3.2, which answers "SMB 2.002" with 0x0202 (Samba does the same with
     * "server max protocol = SMB2_02").
     */
    public int selectForMultiProtocol(List<String> dialectStrings) {
        if (implementsBeyond202() && dialectStrings.contains(Smb1NegotiateRequest.DIALECT_SMB_2_WILDCARD)) {
            return Smb2Dialect.SMB_2_WILDCARD;
        }
        if (dialectStrings.contains(Smb1NegotiateRequest.DIALECT_SMB_2_002)) {
            return Smb2Dialect.SMB_2_0_2;
        }
        return Smb2Dialect.NONE;
    }

    private boolean implementsBeyond202() {
        return dialects.last() > Smb2Dialect.SMB_2_0_2;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        dialects.forEach(d -> text.append(text.length() == 0 ? "" : ",").append(Smb2Dialect.name(d)));
        return text.toString();
    }
}
