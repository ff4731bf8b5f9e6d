package io.cistern.nfs.nlm;

import java.util.function.BooleanSupplier;

/** Waiting for what other threads do, with a deadline that fails the test instead of hanging it. */
public final class Await {
    private Await() {
    }

    public static void until(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeoutMillis + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }
}
