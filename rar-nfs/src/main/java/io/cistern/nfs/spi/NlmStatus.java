package io.cistern.nfs.spi;

/** nlm4_stats (X/Open XNFS, NLM version 4): the outcome of a lock request. */
public enum NlmStatus {
    GRANTED(0), DENIED(1), DENIED_NOLOCKS(2), BLOCKED(3), DENIED_GRACE_PERIOD(4), DEADLCK(5), ROFS(6), STALE_FH(7),
    FBIG(8), FAILED(9);

    private final int code;

    NlmStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
