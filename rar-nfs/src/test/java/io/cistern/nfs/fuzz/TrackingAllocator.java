package io.cistern.nfs.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.IllegalReferenceCountException;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's allocator that remembers every buffer it hands out, so that a test can tell, once the connection is
 * closed, whether each was released: deterministic, per input, where Netty's leak detector only reports after a
 * garbage collection and so long after the input that leaked. Unpooled, so a released buffer is never recycled into
 * a new one that would look alive; direct (as the adapter's own I/O buffers are) and so leak-aware: Netty's detector
 * tracks direct and composite buffers, not unpooled heap ones, and {@link LeakWatch}'s PARANOID detector then sees
 * the same buffers.
 * Slices and duplicates share their parent's count, so a slice kept too long shows on its parent.
 */
final class TrackingAllocator implements ByteBufAllocator {
    /** Direct: Netty leak-tracks direct and composite buffers only, not unpooled heap ones. */
    private final ByteBufAllocator delegate = new UnpooledByteBufAllocator(true);
    private final List<ByteBuf> allocated = new ArrayList<>();

    private <B extends ByteBuf> B track(B buf) {
        allocated.add(buf);
        return buf;
    }

    /** Describes each buffer handed out and not released; then releases them, so that one leak is reported once. */
    List<String> unreleased() {
        List<String> leaks = new ArrayList<>();
        for (ByteBuf buf : allocated) {
            if (buf.refCnt() != 0) {
                leaks.add(buf.getClass().getSimpleName() + " of capacity " + buf.capacity() + " with refCnt " + buf.refCnt());
            }
        }
        // newest first: a composite releases the slices it holds of older buffers, which may then be free already
        for (int i = allocated.size() - 1; i >= 0; i--) {
            ByteBuf buf = allocated.get(i);
            try {
                if (buf.refCnt() > 0) {
                    buf.release(buf.refCnt());
                }
            } catch (IllegalReferenceCountException alreadyFreed) {
                // a slice's parent freed by its own release: nothing left to do
            }
        }
        allocated.clear();
        return leaks;
    }

    int allocations() {
        return allocated.size();
    }

    @Override public ByteBuf buffer() { return track(delegate.buffer()); }
    @Override public ByteBuf buffer(int initialCapacity) { return track(delegate.buffer(initialCapacity)); }
    @Override public ByteBuf buffer(int initialCapacity, int maxCapacity) { return track(delegate.buffer(initialCapacity, maxCapacity)); }
    @Override public ByteBuf ioBuffer() { return track(delegate.ioBuffer()); }
    @Override public ByteBuf ioBuffer(int initialCapacity) { return track(delegate.ioBuffer(initialCapacity)); }
    @Override public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) { return track(delegate.ioBuffer(initialCapacity, maxCapacity)); }
    @Override public ByteBuf heapBuffer() { return track(delegate.heapBuffer()); }
    @Override public ByteBuf heapBuffer(int initialCapacity) { return track(delegate.heapBuffer(initialCapacity)); }
    @Override public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) { return track(delegate.heapBuffer(initialCapacity, maxCapacity)); }
    @Override public ByteBuf directBuffer() { return track(delegate.directBuffer()); }
    @Override public ByteBuf directBuffer(int initialCapacity) { return track(delegate.directBuffer(initialCapacity)); }
    @Override public ByteBuf directBuffer(int initialCapacity, int maxCapacity) { return track(delegate.directBuffer(initialCapacity, maxCapacity)); }
    @Override public CompositeByteBuf compositeBuffer() { return track(delegate.compositeBuffer()); }
    @Override public CompositeByteBuf compositeBuffer(int maxNumComponents) { return track(delegate.compositeBuffer(maxNumComponents)); }
    @Override public CompositeByteBuf compositeHeapBuffer() { return track(delegate.compositeHeapBuffer()); }
    @Override public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) { return track(delegate.compositeHeapBuffer(maxNumComponents)); }
    @Override public CompositeByteBuf compositeDirectBuffer() { return track(delegate.compositeDirectBuffer()); }
    @Override public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) { return track(delegate.compositeDirectBuffer(maxNumComponents)); }
    @Override public boolean isDirectBufferPooled() { return delegate.isDirectBufferPooled(); }
    @Override public int calculateNewCapacity(int minNewCapacity, int maxCapacity) { return delegate.calculateNewCapacity(minNewCapacity, maxCapacity); }
}
