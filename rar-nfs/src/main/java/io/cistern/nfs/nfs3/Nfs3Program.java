package io.cistern.nfs.nfs3;

import io.cistern.nfs.rpc.RpcProcedure;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrEncoder;
import java.util.List;

/** NFS version 3, program 100003 (RFC 1813). Procedures other than those listed answer PROC_UNAVAIL. */
public final class Nfs3Program {
    public static final int PROGRAM = 100003;
    public static final int VERSION = 3;
    public static final int PROC_NULL = 0;

    private Nfs3Program() {
    }

    public static RpcProgram create() {
        return RpcProgram.of(PROGRAM, "NFS", VERSION, List.of(
                new RpcProcedure<>(PROC_NULL, "NFSPROC3_NULL", XdrDecoder.VOID, XdrEncoder.VOID, new NfsNullHandler())));
    }
}
