package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.LockHandler.Kind;
import io.cistern.nfs.nlm.wire.Nlm4CancArgs;
import io.cistern.nfs.nlm.wire.Nlm4LockArgs;
import io.cistern.nfs.nlm.wire.Nlm4Notify;
import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.nlm.wire.Nlm4ShareArgs;
import io.cistern.nfs.nlm.wire.Nlm4ShareRes;
import io.cistern.nfs.nlm.wire.Nlm4TestArgs;
import io.cistern.nfs.nlm.wire.Nlm4TestRes;
import io.cistern.nfs.nlm.wire.Nlm4UnlockArgs;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.rpc.RpcProcedure;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrEncoder;
import java.util.List;

/**
 * The Network Lock Manager, program 100021 version 4 (XNFS chapters 10 and 14; RFC 1813 appendix II), the version
 * that goes with NFSv3. Versions 1 to 3 (32-bit offsets, NFSv2 handles) answer PROG_MISMATCH 4-4.
 * <p>
 * Everything that changes lock state keeps its reply for retransmissions: a LOCK retransmitted over UDP after the
 * BLOCKED reply was lost must not queue a second waiter, nor an UNLOCK run again after a new LOCK. That holds for the
 * _MSG procedures too: an RPC retransmission (same xid) gets the empty reply again without a second _RES, while a
 * client that missed the _RES asks again under a new xid and so gets the operation, and its _RES, again.
 * <p>
 * TEST_RES to UNLOCK_RES (11 to 14) are not served: they answer _MSG calls, and the adapter sends none but
 * GRANTED_MSG. The client's NSM state in LOCK is not passed on: the SPI has no parameter for it.
 */
public final class NlmProgram {
    public static final int PROGRAM = 100021;
    public static final int VERSION = 4;
    public static final int PROC_NULL = 0;
    public static final int PROC_TEST = 1;
    public static final int PROC_LOCK = 2;
    public static final int PROC_CANCEL = 3;
    public static final int PROC_UNLOCK = 4;
    public static final int PROC_GRANTED = 5;
    public static final int PROC_TEST_MSG = 6;
    public static final int PROC_LOCK_MSG = 7;
    public static final int PROC_CANCEL_MSG = 8;
    public static final int PROC_UNLOCK_MSG = 9;
    public static final int PROC_GRANTED_MSG = 10;
    public static final int PROC_TEST_RES = 11;
    public static final int PROC_LOCK_RES = 12;
    public static final int PROC_CANCEL_RES = 13;
    public static final int PROC_UNLOCK_RES = 14;
    public static final int PROC_GRANTED_RES = 15;
    public static final int PROC_SHARE = 20;
    public static final int PROC_UNSHARE = 21;
    public static final int PROC_NM_LOCK = 22;
    public static final int PROC_FREE_ALL = 23;

    private NlmProgram() {
    }

    /** The program whose grants and _RES answers go out through {@code callbacks}. */
    public static RpcProgram create(NlmCallbacks callbacks) {
        XdrEncoder<Nlm4Res> res = Nlm4Res::encode;
        XdrEncoder<Nlm4TestRes> testRes = Nlm4TestRes::encode;
        XdrEncoder<Nlm4ShareRes> shareRes = Nlm4ShareRes::encode;
        return RpcProgram.of(PROGRAM, "NLM", VERSION, List.of(
                new RpcProcedure<>(PROC_NULL, "NLMPROC4_NULL", XdrDecoder.VOID, XdrEncoder.VOID, new NlmNullHandler()),
                new RpcProcedure<>(PROC_TEST, "NLMPROC4_TEST", Nlm4TestArgs::decode, testRes, new TestHandler()),
                new RpcProcedure<>(PROC_LOCK, "NLMPROC4_LOCK", Nlm4LockArgs::decode, res,
                        new LockHandler(callbacks, Kind.CALL)).replayingReplies(),
                new RpcProcedure<>(PROC_CANCEL, "NLMPROC4_CANCEL", Nlm4CancArgs::decode, res,
                        new CancelHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_UNLOCK, "NLMPROC4_UNLOCK", Nlm4UnlockArgs::decode, res,
                        new UnlockHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_GRANTED, "NLMPROC4_GRANTED", Nlm4TestArgs::decode, res, new GrantedHandler()),
                message(PROC_TEST_MSG, "NLMPROC4_TEST_MSG", Nlm4TestArgs::decode,
                        new MessageHandler<>(new TestHandler(), PROC_TEST_RES, testRes, callbacks)),
                message(PROC_LOCK_MSG, "NLMPROC4_LOCK_MSG", Nlm4LockArgs::decode, new MessageHandler<>(
                        new LockHandler(callbacks, Kind.MESSAGE), PROC_LOCK_RES, res, callbacks)).replayingReplies(),
                message(PROC_CANCEL_MSG, "NLMPROC4_CANCEL_MSG", Nlm4CancArgs::decode,
                        new MessageHandler<>(new CancelHandler(), PROC_CANCEL_RES, res, callbacks)).replayingReplies(),
                message(PROC_UNLOCK_MSG, "NLMPROC4_UNLOCK_MSG", Nlm4UnlockArgs::decode,
                        new MessageHandler<>(new UnlockHandler(), PROC_UNLOCK_RES, res, callbacks)).replayingReplies(),
                message(PROC_GRANTED_MSG, "NLMPROC4_GRANTED_MSG", Nlm4TestArgs::decode,
                        new MessageHandler<>(new GrantedHandler(), PROC_GRANTED_RES, res, callbacks)),
                message(PROC_GRANTED_RES, "NLMPROC4_GRANTED_RES", Nlm4Res::decode,
                        new GrantedResHandler(callbacks)).replayingReplies(),
                new RpcProcedure<>(PROC_SHARE, "NLMPROC4_SHARE", Nlm4ShareArgs::decode, shareRes,
                        new ShareHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_UNSHARE, "NLMPROC4_UNSHARE", Nlm4ShareArgs::decode, shareRes,
                        new UnshareHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_NM_LOCK, "NLMPROC4_NM_LOCK", Nlm4LockArgs::decode, res,
                        new LockHandler(callbacks, Kind.UNMONITORED)).replayingReplies(),
                message(PROC_FREE_ALL, "NLMPROC4_FREE_ALL", Nlm4Notify::decode,
                        new FreeAllHandler()).replayingReplies()));
    }

    /** A procedure whose RPC result is void. */
    private static <A> RpcProcedure<A, Void> message(int number, String name, XdrDecoder<A> arguments,
                                                     ProcedureHandler<A, Void> handler) {
        return new RpcProcedure<>(number, name, arguments, XdrEncoder.VOID, handler);
    }
}
