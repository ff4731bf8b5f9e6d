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
}
