package io.cistern.nfs.mount;

import io.cistern.nfs.rpc.RpcProcedure;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrEncoder;
import java.util.List;

/** MOUNT version 3, program 100005 (RFC 1813 section 5). Procedures other than those listed answer PROC_UNAVAIL. */
public final class MountProgram {
    public static final int PROGRAM = 100005;
    public static final int VERSION = 3;
    public static final int PROC_NULL = 0;

    private MountProgram() {
    }

    public static RpcProgram create() {
        return RpcProgram.of(PROGRAM, "MOUNT", VERSION, List.of(
                new RpcProcedure<>(PROC_NULL, "MOUNTPROC3_NULL", XdrDecoder.VOID, XdrEncoder.VOID, new MountNullHandler())));
    }
}
