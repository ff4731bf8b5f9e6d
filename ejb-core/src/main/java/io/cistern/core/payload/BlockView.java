package io.cistern.core.payload;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bytes of a block that the reader may look at until it calls {@link #release}: a read-only view, often of a block
 * the {@link BlockCache} keeps off the heap, handed to a protocol adapter so that it writes them to the socket
 * without copying them first. While it is held the cache will not reuse the memory under it, so every view must be
 * released exactly once, when its bytes have been sent or dropped; releasing again does nothing, so a failure path
 * may release without knowing whether the normal path already did.
 */
public final class BlockView {
    private static final Runnable NOTHING = () -> { };

    private final ByteBuffer bytes;
    private final Runnable unpin;
    private final AtomicBoolean released = new AtomicBoolean();

    private BlockView(ByteBuffer bytes, Runnable unpin) {
        this.bytes = bytes.asReadOnlyBuffer();
        this.unpin = Objects.requireNonNull(unpin, "unpin");
    }

    /** Bytes nobody will change or reuse (an array of the caller's, or of a block no one writes again). */
    public static BlockView owned(ByteBuffer bytes) {
        return new BlockView(bytes, NOTHING);
    }

    /** Bytes that stay valid until {@code unpin} runs, which happens once, at the first {@link #release}. */
    static BlockView pinned(ByteBuffer bytes, Runnable unpin) {
        return new BlockView(bytes, unpin);
    }

    /** The bytes, as a read-only buffer of their own (its position and limit are the caller's to move). */
    public ByteBuffer bytes() {
        return bytes.duplicate();
    }

    public int length() {
        return bytes.remaining();
    }

    /** The first {@code length} bytes (fewer when it is shorter), held by the same pin: release either, not both. */
    public BlockView prefix(int length) {
        int kept = Math.min(Math.max(0, length), bytes.remaining());
        return new BlockView(bytes.slice(bytes.position(), kept), unpin == NOTHING ? NOTHING : this::release);
    }

    /**
     * The bytes as a read-only buffer the caller may keep past the call, and the view released: the bytes
     * themselves when nothing pins them, else a copy.
     */
    public ByteBuffer detach() {
        if (unpin == NOTHING) {
            release();
            return bytes();
        }
        return copyAndRelease();
    }

    /** A heap copy of the bytes, and the view released: for callers that keep the bytes past the call. */
    public ByteBuffer copyAndRelease() {
        try {
            ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
            copy.put(bytes.duplicate()).flip();
            return copy;
        } finally {
            release();
        }
    }

    /** The holder is done with the bytes; the first call lets the memory be reused, later ones do nothing. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            unpin.run();
        }
    }
}
