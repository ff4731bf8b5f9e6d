package io.cistern.nfs.rpc;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The duplicate request cache: RPC over TCP promises at most once per connection, and a client whose connection
 * broke after the server acted but before the reply arrived sends the call again, same xid, on a new connection.
 * For a procedure that is not idempotent (CREATE, REMOVE, RENAME, …) running it twice turns success into EEXIST or
 * ENOENT. So the replies of such calls are kept for a while, keyed by what identifies a retransmission (client
 * address without port, xid, program, version, procedure and a checksum of the arguments, as knfsd does), and a
 * retransmission gets the stored reply instead of a second run. A retransmission that arrives while the first call
 * is still running is dropped: the client will ask again and then find the reply here.
 * <p>
 * Bounded by count and by age; thread-safe (event loops and workers of every connection share one).
 */
public final class ReplyCache {
    /** What identifies a retransmission of a call. */
    public record Key(InetAddress client, int xid, int program, int version, int procedure, long argumentsChecksum) {
    }

    /** What to do with a call: run it, drop it, or answer it with the stored reply. */
    public sealed interface Lookup permits Run, Running, Replay {
    }

    public record Run() implements Lookup {
    }

    public record Running() implements Lookup {
    }

    public record Replay(byte[] reply) implements Lookup {
    }

    private static final byte[] IN_PROGRESS = new byte[0];
    private static final Lookup RUN = new Run();
    private static final Lookup RUNNING = new Running();

    private final int maxEntries;
    private final long maxAgeNanos;
    /** Insertion order is age order. Guarded by this. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();

    private record Entry(byte[] reply, long createdNanos) {
    }

    public ReplyCache(int maxEntries, long maxAgeNanos) {
        if (maxEntries < 1 || maxAgeNanos <= 0) {
            throw new IllegalArgumentException("a reply cache needs room and time: " + maxEntries + ", " + maxAgeNanos);
        }
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** Looks the call up; when it is new, records it as running (complete or forget it later). */
    public synchronized Lookup begin(Key key) {
        long now = System.nanoTime();
        expire(now);
        Entry entry = entries.get(key);
        if (entry == null) {
            entries.put(key, new Entry(IN_PROGRESS, now));
            while (entries.size() > maxEntries) {
                Iterator<Map.Entry<Key, Entry>> oldest = entries.entrySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return RUN;
        }
        return entry.reply == IN_PROGRESS ? RUNNING : new Replay(entry.reply.clone());
    }

    /** The call ran and was answered with {@code reply} (the whole encoded RPC reply). */
    public synchronized void complete(Key key, byte[] reply) {
        Entry entry = entries.get(key);
        if (entry != null) {
            entries.put(key, new Entry(reply.clone(), entry.createdNanos));
        }
    }

    /** The call failed without a reply worth repeating: a retransmission may run it again. */
    public synchronized void forget(Key key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    private void expire(long now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (now - entry.createdNanos <= maxAgeNanos) {
                return;
            }
            it.remove();
        }
    }
}
