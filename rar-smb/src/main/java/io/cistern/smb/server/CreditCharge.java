package io.cistern.smb.server;

import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2Header;

/**
 * [MS-SMB2] 3.3.5.2.5, Verifying the Credit Charge and the Payload Size: from 2.1 on (large MTU), a request moving
 * more than 64 KiB must be charged one credit per 64 KiB it sends or asks back; in 2.0.2 no request moves more than
 * 64 KiB. The credits themselves are granted as asked ({@link Smb2ResponseWriter#creditsGranted}); the sequence
 * window that would refuse a MessageId outside them is not kept.
 */
final class CreditCharge {
    static final int CREDIT_BYTES = 65536;

    private CreditCharge() {
    }

    /** Whether a dialect has multi-credit requests, and so large MTU. */
    static boolean multiCredit(int dialect) {
        return dialect != Smb2Dialect.SMB_2_0_2 && dialect != Smb2Dialect.SMB_2_WILDCARD && dialect != Smb2Dialect.NONE;
    }

    /** Whether the request's CreditCharge pays for moving {@code payloadBytes} (unsigned) on this connection. */
    static boolean covers(SmbConnectionState state, Smb2Header request, long payloadBytes) {
        if (payloadBytes <= CREDIT_BYTES) {
            return true;
        }
        if (!multiCredit(state.negotiateDialect())) {
            return false;
        }
        long needed = (payloadBytes - 1) / CREDIT_BYTES + 1;
        return request.creditCharge() >= needed;
    }
}
