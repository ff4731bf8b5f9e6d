package io.cistern.nfs.nlm.client;

import io.cistern.nfs.rpc.RpcReply;

/** The server answered, but not with results: PROG_UNAVAIL, PROC_UNAVAIL, an authentication error and so on. */
public final class RpcCallFailed extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient RpcReply reply;

    public RpcCallFailed(RpcReply reply) {
        super(reply.accepted() ? "call not accepted: " + reply.acceptStat() : "call denied: " + reply.rejectStat()
                + (reply.authStat() != null ? " " + reply.authStat() : ""));
        this.reply = reply;
    }

    public RpcReply reply() {
        return reply;
    }
}
