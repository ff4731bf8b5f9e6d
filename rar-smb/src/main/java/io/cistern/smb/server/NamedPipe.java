package io.cistern.smb.server;

import io.cistern.smb.rpc.SrvsvcPipe;
import java.util.Arrays;

/**
 * The server end of an open named pipe on IPC$, in message mode: each write is one DCE/RPC PDU, answered at once,
 * and what the answer holds waits until the client reads it, in as many reads as its buffer needs. Confined to the
 * connection's event loop, like the open that holds it.
 */
final class NamedPipe {
    /** More unread output than any answer makes; a client that only writes is cut off here. */
    static final int MAX_PENDING_BYTES = 1 << 20;

    private final SrvsvcPipe endpoint;
    private byte[] pending = new byte[0];

    NamedPipe(SrvsvcPipe endpoint) {
        this.endpoint = endpoint;
    }

    /** Feeds one PDU; false when the client left too much unread, and the write is refused. */
    boolean write(byte[] pdu) {
        if (pending.length >= MAX_PENDING_BYTES) {
            return false;
        }
        byte[] answer = endpoint.transact(pdu);
        byte[] joined = Arrays.copyOf(pending, pending.length + answer.length);
        System.arraycopy(answer, 0, joined, pending.length, answer.length);
        pending = joined;
        return true;
    }

    /** At most {@code max} bytes of what waits; empty when nothing does. */
    byte[] read(int max) {
        int count = Math.min(Math.max(max, 0), pending.length);
        byte[] chunk = Arrays.copyOf(pending, count);
        pending = Arrays.copyOfRange(pending, count, pending.length);
        return chunk;
    }

    /** Whether output is left after a read: the client gets STATUS_BUFFER_OVERFLOW and reads again. */
    boolean hasPending() {
        return pending.length > 0;
    }
}
