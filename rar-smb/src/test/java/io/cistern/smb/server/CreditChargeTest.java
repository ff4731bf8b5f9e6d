package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2Header;
import org.junit.jupiter.api.Test;

class CreditChargeTest {
    @Test
    void fromTwoOneOnEach64KiBCostsACredit() {
        SmbConnectionState state = new SmbConnectionState(open -> { });
        state.negotiated(Smb2Dialect.SMB_3_1_1);
        assertTrue(CreditCharge.covers(state, charged(0), 65536), "one credit's worth needs no charge");
        assertTrue(CreditCharge.covers(state, charged(16), 1 << 20));
        assertFalse(CreditCharge.covers(state, charged(15), 1 << 20));
        assertTrue(CreditCharge.covers(state, charged(17), (1 << 20) + 1));
        assertFalse(CreditCharge.covers(state, charged(16), (1 << 20) + 1));
    }

    @Test
    void twoZeroTwoNeverMovesMoreThan64KiB() {
        SmbConnectionState state = new SmbConnectionState(open -> { });
        state.negotiated(Smb2Dialect.SMB_2_0_2);
        assertTrue(CreditCharge.covers(state, charged(0), 65536));
        assertFalse(CreditCharge.covers(state, charged(2), 65537), "no multi-credit requests in 2.0.2");
    }

    private static Smb2Header charged(int charge) {
        return Smb2Header.response(0x0008, 1, 0, 1, 0).withCreditCharge(charge);
    }
}
