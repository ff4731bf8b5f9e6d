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
 * <p>
 * Only payloads up to a size are kept. A stream's large writes (SMB's up to 8 MiB, NFS's 1 MiB) overrun the
 * window long before the upload, which waits for a block to settle, reads them back, so their copies were almost
 * never read; yet each was a heap array of megabytes that lived through young collections, so that the
 * collector copied the whole window again and again and promoted it into the old generation (profiled: about a
 * second of collector CPU per GiB put over SMB, more than the AES-GCM of an encrypted put). Such writes are read
 * back from the journal file, still in the page cache; small files' writes, many per block, stay here.
 */
public final class RecentWrites {
    private final long capacityBytes;
    private final long largestPayloadBytes;
    /** Guarded by this. */
    private final TreeMap<Long, byte[]> bySequence = new TreeMap<>();
    /** Guarded by this. */
    private long heldBytes;

    /** Holds up to {@code capacityBytes} of payloads of any size up to that. */
    public RecentWrites(long capacityBytes) {
        this(capacityBytes, capacityBytes);
    }

    /** Holds up to {@code capacityBytes} of payloads, none larger than {@code largestPayloadBytes}. */
    public RecentWrites(long capacityBytes, long largestPayloadBytes) {
        if (capacityBytes < 0 || largestPayloadBytes < 0) {
            throw new IllegalArgumentException("negative capacity " + capacityBytes + " or largest payload "
                    + largestPayloadBytes);
        }
        this.capacityBytes = capacityBytes;
        this.largestPayloadBytes = Math.min(largestPayloadBytes, capacityBytes);
    }

    /**
     * Keeps a copy of {@code payload}'s remaining bytes as record {@code sequence}, evicting the oldest as needed;
     * nothing when the payload is larger than the largest kept.
     */
    public void put(long sequence, ByteBuffer payload) {
        if (payload.remaining() > largestPayloadBytes) {
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
