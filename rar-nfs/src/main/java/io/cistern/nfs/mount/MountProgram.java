package io.cistern.nfs.mount;

import io.cistern.nfs.mount.wire.DirPath;
import io.cistern.nfs.mount.wire.Exports;
import io.cistern.nfs.mount.wire.MountList;
import io.cistern.nfs.mount.wire.MountRes3;
import io.cistern.nfs.rpc.RpcProcedure;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrEncoder;
import java.util.List;

/**
 * MOUNT version 3, program 100005 (RFC 1813 section 5). Versions 1 and 2 are not served: every NFSv3 client
 * speaks MOUNT v3, and they answer PROG_MISMATCH 3-3.
 */
public final class MountProgram {
    public static final int PROGRAM = 100005;
    public static final int VERSION = 3;
    public static final int PROC_NULL = 0;
    public static final int PROC_MNT = 1;
    public static final int PROC_DUMP = 2;
    public static final int PROC_UMNT = 3;
    public static final int PROC_UMNTALL = 4;
    public static final int PROC_EXPORT = 5;

    private MountProgram() {
    }

    /** The program with a mount list of its own, empty: one per activation, so the list lives as long as it. */
    public static RpcProgram create() {
        return create(new MountTable());
    }

    /** The program with {@code table} as its mount list, which the adapter also reads for its list of clients. */
    public static RpcProgram create(MountTable table) {
        return RpcProgram.of(PROGRAM, "MOUNT", VERSION, List.of(
                new RpcProcedure<>(PROC_NULL, "MOUNTPROC3_NULL", XdrDecoder.VOID, XdrEncoder.VOID, new MountNullHandler()),
                new RpcProcedure<>(PROC_MNT, "MOUNTPROC3_MNT", DirPath::decode, MountRes3::encode, new MntHandler(table)),
                new RpcProcedure<>(PROC_DUMP, "MOUNTPROC3_DUMP", XdrDecoder.VOID, MountList::encode, new DumpHandler(table)),
                new RpcProcedure<>(PROC_UMNT, "MOUNTPROC3_UMNT", DirPath::decode, XdrEncoder.VOID, new UmntHandler(table)),
                new RpcProcedure<>(PROC_UMNTALL, "MOUNTPROC3_UMNTALL", XdrDecoder.VOID, XdrEncoder.VOID,
                        new UmntAllHandler(table)),
                new RpcProcedure<>(PROC_EXPORT, "MOUNTPROC3_EXPORT", XdrDecoder.VOID, Exports::encode,
                        new ExportHandler())));
    }
}
