package io.cistern.smb.wire;

/** SMB2 dialect revision numbers, [MS-SMB2] 2.2.3 (Dialects) and 2.2.4 (DialectRevision). */
public final class Smb2Dialect {
    public static final int SMB_2_0_2 = 0x0202;
    public static final int SMB_2_1 = 0x0210;
    public static final int SMB_3_0 = 0x0300;
    public static final int SMB_3_0_2 = 0x0302;
    public static final int SMB_3_1_1 = 0x0311;
    /** Only in a NEGOTIATE response to a multi-protocol negotiate: "send an SMB2 NEGOTIATE next" ([MS-SMB2] 3.3.5.3.1). */
    public static final int SMB_2_WILDCARD = 0x02FF;
    /** Connection.NegotiateDialect before any negotiation ([MS-SMB2] 3.3.1.7). */
    public static final int NONE = 0xFFFF;

    private Smb2Dialect() {
    }

    public static String name(int dialect) {
        return String.format("0x%04X", dialect);
    }
}
