package io.cistern.nfs.portmap;

import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.portmap.wire.PortMappingList;
import io.cistern.nfs.rpc.RpcProcedure;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * The portmapper, program 100000 version 2 (RFC 1833 section 3), answering from a {@link PortmapRegistry}: the
 * adapter's fixed table plus what processes on this host registered. Versions 3 and 4 (rpcbind) answer
 * PROG_MISMATCH 2-2, on which libtirpc and nfs-utils fall back to version 2.
 * <p>
 * CALLIT is not served (PROC_UNAVAIL): it would make the adapter forward calls on behalf of anyone, the
 * classic UDP amplifier, and no NFS client needs it. An error reply rather than silence, because a client
 * waiting for a reply that never comes only learns the same thing later; the reply is smaller than any
 * CALLIT, so it amplifies nothing. For the same reason DUMP is served over TCP only: its reply is the one
 * larger than its call, and rpcinfo -p asks over TCP first.
 */
public final class PortmapProgram {
    public static final int PROGRAM = 100000;
    public static final int VERSION = 2;
    public static final int PROC_NULL = 0;
    public static final int PROC_SET = 1;
    public static final int PROC_UNSET = 2;
    public static final int PROC_GETPORT = 3;
    public static final int PROC_DUMP = 4;
    public static final int PROC_CALLIT = 5;

    private PortmapProgram() {
    }

    /** The program as served on the TCP listener. */
    public static RpcProgram forStream(PortmapRegistry registry) {
        List<RpcProcedure<?, ?>> procedures = new ArrayList<>(common(registry));
        procedures.add(new RpcProcedure<>(PROC_DUMP, "PMAPPROC_DUMP", XdrDecoder.VOID, PortMappingList::encode,
                new PortmapDumpHandler(registry)));
        return RpcProgram.of(PROGRAM, "PORTMAP", VERSION, procedures);
    }

    /** The program as served on the UDP socket: without DUMP. */
    public static RpcProgram forDatagrams(PortmapRegistry registry) {
        return RpcProgram.of(PROGRAM, "PORTMAP", VERSION, common(registry));
    }

    private static List<RpcProcedure<?, ?>> common(PortmapRegistry registry) {
        XdrEncoder<Boolean> bool = (value, out) -> out.writeBoolean(value);
        XdrEncoder<Integer> port = (value, out) -> out.writeUnsignedInt(value);
        return List.of(
                new RpcProcedure<>(PROC_NULL, "PMAPPROC_NULL", XdrDecoder.VOID, XdrEncoder.VOID, new PortmapNullHandler()),
                new RpcProcedure<>(PROC_SET, "PMAPPROC_SET", PortMapping::decode, bool, new SetHandler(registry)),
                new RpcProcedure<>(PROC_UNSET, "PMAPPROC_UNSET", PortMapping::decode, bool, new UnsetHandler(registry)),
                new RpcProcedure<>(PROC_GETPORT, "PMAPPROC_GETPORT", PortMapping::decode, port,
                        new GetportHandler(registry)));
    }
}
