package io.cistern.nfs.nsm;

import io.cistern.nfs.nsm.wire.Mon;
import io.cistern.nfs.nsm.wire.MonId;
import io.cistern.nfs.nsm.wire.MyId;
import io.cistern.nfs.nsm.wire.SmName;
import io.cistern.nfs.nsm.wire.SmStat;
import io.cistern.nfs.nsm.wire.SmStatRes;
import io.cistern.nfs.nsm.wire.StatChge;
import io.cistern.nfs.rpc.RpcProcedure;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrEncoder;
import java.util.List;

/**
 * The Network Status Monitor, program 100024 version 1 (XNFS chapter 11), as far as a lock server needs it: its state
 * number (STAT) and the restart notices of clients (NOTIFY), which free their locks. MON, UNMON and UNMON_ALL are
 * for a lock manager on this host and are answered without monitoring anything (see {@link MonHandler}). The state
 * number is the application's ({@link io.cistern.nfs.spi.NfsListener#nsmState}), which keeps it across restarts.
 * <p>
 * SM_SIMU_CRASH is not served (PROC_UNAVAIL): it asks the NSM to act as if its host had crashed, that is, to take a
 * new state number and notify every client so they reclaim their locks. The adapter can do neither (the client list
 * and the grace period belong to the application), and a void success would claim it had.
 * <p>
 * Telling clients after this server restarts (SM_NOTIFY to each of them) is the other direction, a call this server
 * makes: {@link RebootNotifier}.
 */
public final class NsmProgram {
    public static final int PROGRAM = 100024;
    public static final int VERSION = 1;
    public static final int PROC_NULL = 0;
    public static final int PROC_STAT = 1;
    public static final int PROC_MON = 2;
    public static final int PROC_UNMON = 3;
    public static final int PROC_UNMON_ALL = 4;
    public static final int PROC_SIMU_CRASH = 5;
    public static final int PROC_NOTIFY = 6;

    private NsmProgram() {
    }

    public static RpcProgram create() {
        XdrEncoder<SmStatRes> statRes = SmStatRes::encode;
        XdrEncoder<SmStat> stat = SmStat::encode;
        return RpcProgram.of(PROGRAM, "NSM", VERSION, List.of(
                new RpcProcedure<>(PROC_NULL, "SM_NULL", XdrDecoder.VOID, XdrEncoder.VOID, new NsmNullHandler()),
                new RpcProcedure<>(PROC_STAT, "SM_STAT", SmName::decode, statRes, new StatHandler()),
                new RpcProcedure<>(PROC_MON, "SM_MON", Mon::decode, statRes, new MonHandler()),
                new RpcProcedure<>(PROC_UNMON, "SM_UNMON", MonId::decode, stat, new UnmonHandler()),
                new RpcProcedure<>(PROC_UNMON_ALL, "SM_UNMON_ALL", MyId::decode, stat, new UnmonAllHandler()),
                new RpcProcedure<>(PROC_NOTIFY, "SM_NOTIFY", StatChge::decode, XdrEncoder.VOID,
                        new NotifyHandler()).replayingReplies()));
    }
}
