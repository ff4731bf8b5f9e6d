package io.cistern.smb.server;

import io.netty.util.AttributeKey;
import java.util.BitSet;

/**
 * Connection.CommandSequenceWindow, [MS-SMB2] 3.3.1.1: the MessageIds a client may use, which are the credits the
 * server has granted. It starts as {0}; every response adds as many new MessageIds, after the highest so far, as it
 * grants (3.3.1.2); every request but CANCEL takes its MessageId, and a multi-credit request the CreditCharge that
 * follow it, out of the window (3.3.5.2.3). A request using a MessageId outside the window, or one used already,
 * ends the connection, as Windows and Samba do: it is a replay or a client that lost count.
 * <p>
 * <b>How much is granted</b> (3.3.1.2 leaves it to the server): what the client asks for, within a limit of
 * {@link #MAX_OUTSTANDING} credits held at once (Samba's default), and at least one whenever the client would
 * otherwise hold none, since with none it could never send again. The final response of a request that went
 * asynchronous asks for none, its interim response having granted them.
 * <p>
 * <b>Skipped MessageIds</b> stay usable (smbtorture's smb2.credits.skipped_mid), but a window kept open by one
 * forever would grow without end: a MessageId more than {@link #MAX_SPAN} below the highest granted is given up.
 * <p>
 * Thread-safe: requests are checked on the event loop, responses granted from any thread.
 */
final class CreditWindow {
    static final int MAX_OUTSTANDING = 8192;
    static final int MAX_SPAN = 1 << 20;
    /** The connection's window, for the code that encodes its responses. */
    static final AttributeKey<CreditWindow> KEY = AttributeKey.valueOf(CreditWindow.class, "window");

    /** The lowest MessageId that may still be used; all below it are spent. Guarded by this. */
    private long lowest;
    /** One past the highest MessageId granted. Guarded by this. */
    private long end = 1;
    /** Bit i: MessageId lowest + i is spent. Never has bit 0 set. Guarded by this. */
    private BitSet spent = new BitSet();
    /** Guarded by this: how many bits of {@link #spent} are set. */
    private int spentCount;

    /**
     * Takes {@code messageId} and the {@code charge - 1} after it (a charge below 1 counts as 1) out of the window;
     * false, taking nothing, when any of them is not in it.
     */
    synchronized boolean take(long messageId, int charge) {
        int count = Math.max(1, charge);
        if (messageId < lowest || messageId >= end || end - messageId < count) {
            return false;
        }
        int from = (int) (messageId - lowest);
        int firstSpent = spent.nextSetBit(from);
        if (firstSpent >= 0 && firstSpent < from + count) {
            return false;
        }
        spent.set(from, from + count);
        spentCount += count;
        if (end - lowest > MAX_SPAN) {
            advancePast((int) (end - lowest - MAX_SPAN));
        }
        advancePast(spent.nextClearBit(0));
        return true;
    }

    /** The credits to grant a response whose request asked for {@code requested}; the window grows by them. */
    synchronized int grant(int requested) {
        long held = end - lowest - spentCount;
        int granted = (int) Math.max(0, Math.min(requested, MAX_OUTSTANDING - held));
        if (granted == 0 && held == 0) {
            granted = 1;
        }
        end += granted;
        return granted;
    }

    /** Credits the client holds: MessageIds granted and not yet used. */
    synchronized long outstanding() {
        return end - lowest - spentCount;
    }

    /** Guarded by this. Moves {@link #lowest} up by {@code count}, forgetting those MessageIds, spent or not. */
    private void advancePast(int count) {
        if (count <= 0) {
            return;
        }
        spentCount -= spent.get(0, count).cardinality();
        spent = spent.get(count, Math.max(count, spent.length()));
        lowest += count;
    }
}
