package io.cistern.nfs.rpc;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * The header of an RPC reply message: {@code rpc_msg} with {@code reply_body}, RFC 5531 section 9.
 * For an accepted reply with {@link AcceptStat#SUCCESS} the procedure's results follow the header.
 *
 * @param xid        the call's transaction id
 * @param accepted   MSG_ACCEPTED (true) or MSG_DENIED (false)
 * @param verifier   the server's verifier (accepted replies)
 * @param acceptStat why an accepted call did or did not run
 * @param rejectStat why a call was denied
 * @param authStat   the authentication error of an AUTH_ERROR denial
 * @param low        lowest supported version (PROG_MISMATCH, RPC_MISMATCH)
 * @param high       highest supported version (PROG_MISMATCH, RPC_MISMATCH)
 */
public record RpcReply(int xid, boolean accepted, OpaqueAuth verifier, AcceptStat acceptStat, RejectStat rejectStat,
                       AuthStat authStat, int low, int high) {

    /** {@code accept_stat}. */
    public enum AcceptStat { SUCCESS, PROG_UNAVAIL, PROG_MISMATCH, PROC_UNAVAIL, GARBAGE_ARGS, SYSTEM_ERR }

    /** {@code reject_stat}. */
    public enum RejectStat { RPC_MISMATCH, AUTH_ERROR }

    /** {@code auth_stat}. */
    public enum AuthStat { AUTH_OK, AUTH_BADCRED, AUTH_REJECTEDCRED, AUTH_BADVERF, AUTH_REJECTEDVERF, AUTH_TOOWEAK,
        AUTH_INVALIDRESP, AUTH_FAILED }

    private static final int MSG_ACCEPTED = 0;
    private static final int MSG_DENIED = 1;

    public static RpcReply accepted(int xid, AcceptStat stat) {
        return new RpcReply(xid, true, OpaqueAuth.NONE, stat, null, null, 0, 0);
    }

    public static RpcReply progMismatch(int xid, int low, int high) {
        return new RpcReply(xid, true, OpaqueAuth.NONE, AcceptStat.PROG_MISMATCH, null, null, low, high);
    }

    public static RpcReply rpcMismatch(int xid, int low, int high) {
        return new RpcReply(xid, false, null, null, RejectStat.RPC_MISMATCH, null, low, high);
    }

    public static RpcReply authError(int xid, AuthStat stat) {
        return new RpcReply(xid, false, null, null, RejectStat.AUTH_ERROR, stat, 0, 0);
    }

    public void encode(XdrWriter out) {
        out.writeInt(xid).writeInt(RpcCallHeader.MSG_REPLY);
        if (accepted) {
            out.writeInt(MSG_ACCEPTED);
            verifier.encode(out);
            out.writeInt(acceptStat.ordinal());
            if (acceptStat == AcceptStat.PROG_MISMATCH) {
                out.writeInt(low).writeInt(high);
            }
        } else {
            out.writeInt(MSG_DENIED).writeInt(rejectStat.ordinal());
            if (rejectStat == RejectStat.RPC_MISMATCH) {
                out.writeInt(low).writeInt(high);
            } else {
                out.writeInt(authStat.ordinal());
            }
        }
    }

    public static RpcReply decode(XdrReader in) throws XdrException {
        int xid = in.readInt();
        int type = in.readInt();
        if (type != RpcCallHeader.MSG_REPLY) {
            throw new XdrException("not a reply: msg_type " + type);
        }
        int replyStat = in.readInt();
        if (replyStat == MSG_ACCEPTED) {
            OpaqueAuth verifier = OpaqueAuth.decode(in);
            AcceptStat stat = enumAt(AcceptStat.values(), in.readInt());
            if (stat == AcceptStat.PROG_MISMATCH) {
                return new RpcReply(xid, true, verifier, stat, null, null, in.readInt(), in.readInt());
            }
            return new RpcReply(xid, true, verifier, stat, null, null, 0, 0);
        }
        if (replyStat != MSG_DENIED) {
            throw new XdrException("unknown reply_stat " + replyStat);
        }
        RejectStat reject = enumAt(RejectStat.values(), in.readInt());
        if (reject == RejectStat.RPC_MISMATCH) {
            return rpcMismatch(xid, in.readInt(), in.readInt());
        }
        return authError(xid, enumAt(AuthStat.values(), in.readInt()));
    }

    private static <E> E enumAt(E[] values, int index) throws XdrException {
        if (index < 0 || index >= values.length) {
            throw new XdrException("value " + index + " out of range");
        }
        return values[index];
    }
}
