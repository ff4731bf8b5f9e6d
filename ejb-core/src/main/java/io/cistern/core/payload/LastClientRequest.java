package io.cistern.core.payload;

/**
 * When a client last had a request answered, over any protocol: the upload defers to clients at work (see
 * {@link UploadPacing}). One volatile write per request; no lock, no allocation.
 */
public final class LastClientRequest {
    /** {@link System#nanoTime} of the last answer; far in the past until the first, whatever nanoTime's origin. */
    private volatile long answeredNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    /** A request was just answered. */
    public void noteAnswered() {
        answeredNanos = System.nanoTime();
    }

    /** Whether a request was answered in the {@code windowNanos} before {@code nowNanos}. */
    public boolean within(long nowNanos, long windowNanos) {
        return nowNanos - answeredNanos < windowNanos;
    }
}
