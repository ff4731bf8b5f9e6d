package io.cistern.core.payload;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bounded copy of the payloads of the newest writes, so that reading a just-written block (by a client or by the
 * uploader, which runs within seconds) does not go back to the journal file. Purely an optimisation: a miss falls
 * back to {@code Journal.read}. When full, the oldest sequences go first: they are the ones most likely uploaded.
 * <p>
 * Payloads are copied in: the buffer a write arrived in may be reused by the caller once the append returned.
 */
public final class RecentWrites {
    private final long capacityBytes;
    /** Guarded by this. */
    private final TreeMap<Long, byte[]> bySequence = new TreeMap<>();
    /** Guarded by this. */
    private long heldBytes;

    public RecentWrites(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("negative capacity " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** Keeps a copy of {@code payload}'s remaining bytes as record {@code sequence}, evicting the oldest as needed. */
    public void put(long sequence, ByteBuffer payload) {
        if (payload.remaining() > capacityBytes) {
            return;
        }
        byte[] copy = new byte[payload.remaining()];
        payload.duplicate().get(copy);
        synchronized (this) {
            byte[] previous = bySequence.put(sequence, copy);
            heldBytes += copy.length - (previous == null ? 0 : previous.length);
            while (heldBytes > capacityBytes) {
                heldBytes -= bySequence.pollFirstEntry().getValue().length;
            }
        }
    }

    /** The payload of record {@code sequence}, read-only, if it is still held. */
    public synchronized Optional<ByteBuffer> get(long sequence) {
        byte[] bytes = bySequence.get(sequence);
        return bytes == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
    }

    /** Drops every record up to {@code sequence}: call it with what the journal released. */
    public synchronized void dropThrough(long sequence) {
        Map<Long, byte[]> dropped = bySequence.headMap(sequence, true);
        for (byte[] bytes : dropped.values()) {
            heldBytes -= bytes.length;
        }
        dropped.clear();
    }

    public synchronized long heldBytes() {
        return heldBytes;
    }
}
