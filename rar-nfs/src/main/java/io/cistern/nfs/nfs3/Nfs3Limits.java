package io.cistern.nfs.nfs3;

/**
 * The sizes the adapter decides rather than the application: what one RPC record can carry and how much work one
 * call may ask of the application. FSINFO announces them to clients (RFC 1813 section 3.3.19), so a client that
 * follows them never sends a request the adapter refuses.
 */
public final class Nfs3Limits {
    /**
     * The most bytes one READ returns or one WRITE carries (rtmax, wtmax), and also the preferred size (rtpref,
     * wtpref): a large transfer costs one round trip instead of many. The RPC record cap leaves room for a WRITE of
     * this size plus its headers.
     */
    public static final int MAX_TRANSFER = 1 << 20;

    /** rtmult and wtmult: transfers aligned to a page are the ones the store writes without reading back first. */
    public static final int TRANSFER_MULTIPLE = 4096;

    /** dtpref: a READDIR count that holds over a thousand typical names yet keeps one reply short to build. */
    public static final int PREFERRED_READDIR_BYTES = 64 * 1024;

    /**
     * The most entries one READDIR or READDIRPLUS asks the application for, whatever counts the client sent: a count
     * of 4 GiB must not turn into one unbounded directory scan.
     */
    public static final int MAX_DIR_ENTRIES = 4096;

    private Nfs3Limits() {
    }

    /** {@code mostThatCouldFit} bounded to at least one entry (so a reply can say TOOSMALL) and at most the cap. */
    static int dirEntriesToAsk(long mostThatCouldFit) {
        return (int) Math.max(1, Math.min(MAX_DIR_ENTRIES, mostThatCouldFit));
    }
}
