package io.cistern.nfs.rpc;

import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/**
 * The meaning of one RPC procedure: takes its decoded arguments, asks the application, and returns the
 * results to encode. Runs on a request worker. Wire encoding lives in the procedure's codecs, not here.
 */
@FunctionalInterface
public interface ProcedureHandler<A, R> {
    R handle(NfsCaller caller, A arguments, NfsListener listener);

    /**
     * The results when the application has them in memory, or null. Runs on the connection's I/O thread, which
     * then answers at once; a null sends the call to a worker and {@link #handle} as usual. Only procedures whose
     * answer is usually in memory (GETATTR, LOOKUP, ACCESS, READ, and READDIR(PLUS) past a listing's first page)
     * offer this: handing a call to a worker and its reply
     * back to the I/O thread costs two thread wake-ups, several times what the application spends on such a call.
     */
    default R handleInMemory(NfsCaller caller, A arguments, NfsListener listener) {
        return null;
    }
}
