package io.cistern.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers for messages that arrive larger than Netty's allocator pools (above {@link #POOLED_BY_NETTY}: SMB WRITEs of
 * up to 8 MiB, NFS WRITEs of 1 MiB with their headers), each as large as the largest message and given back for the
 * next such message when its last reference is released, instead of freed. Allocated afresh, such a buffer was zeroed
 * and page-faulted for every WRITE and unmapped again once the application had its data: that cost the event loop
 * more CPU than receiving the bytes.
 *
 * <p>At most {@code limit} exist at a time, in use or idle, whichever connections hold them; past that a message gets
 * a buffer of its own as before, so that a client cannot make the listener hold more than {@code limit} of them.
 * Thread-safe: they are taken on event loops and given back by whichever thread releases the message last.
 */
public final class LargeMessageBuffers {
    /** The largest buffer Netty's default (adaptive) allocator takes from its pool; larger ones it allocates. */
    public static final int POOLED_BY_NETTY = 1 << 20;

    private final int capacity;
    private final int limit;
    private final Queue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger existing = new AtomicInteger();

    /** @param capacity bytes of each buffer: the largest message with its transport header */
    public LargeMessageBuffers(int capacity, int limit) {
        this.capacity = capacity;
        this.limit = limit;
    }

    public int capacity() {
        return capacity;
    }

    /** Refuses buffers too small for a decoder's largest message of {@code bytes} (its header included). */
    public void requireRoomFor(int bytes) {
        if (capacity < bytes) {
            throw new IllegalArgumentException("large-message buffers of " + capacity + " bytes cannot hold "
                    + bytes + "-byte messages");
        }
    }

    /** Buffers that exist, in use or idle: what a test may check. */
    public int existing() {
        return existing.get();
    }

    /** An empty buffer of {@link #capacity} bytes that cannot grow, or null when {@code limit} exist already. */
    public ByteBuf take(ByteBufAllocator alloc) {
        ByteBuffer memory = idle.poll();
        if (memory == null) {
            if (existing.incrementAndGet() > limit) {
                existing.decrementAndGet();
                return null;
            }
            try {
                memory = ByteBuffer.allocateDirect(capacity);
            } catch (OutOfMemoryError e) {
                existing.decrementAndGet();
                throw e;
            }
        }
        return new Recycled(alloc, memory.clear()).clear();
    }

    /** The memory goes back when the buffer is released; the JDK's cleaner frees it once nothing holds it. */
    private final class Recycled extends UnpooledDirectByteBuf {
        private final ByteBuffer memory;

        Recycled(ByteBufAllocator alloc, ByteBuffer memory) {
            // wrapped, not owned: Netty neither frees this memory nor lets the buffer grow out of it
            super(alloc, memory, memory.capacity());
            this.memory = memory;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            idle.offer(memory);
        }
    }
}
