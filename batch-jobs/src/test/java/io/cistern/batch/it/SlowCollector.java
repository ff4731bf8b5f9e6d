package io.cistern.batch.it;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.gc.BlockCollector;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * For GcJobIT's race: until its deadline, takes the collector's two steps (mark, then delete under the row lock) on
 * every unreferenced block with no grace, pausing 20–100 ms between them as a collector on a slow store, or one that
 * was descheduled, would. That pause is where a writer's reference must be handled right; without it, references
 * rarely fall between the steps. Returns how many blocks it deleted.
 */
final class SlowCollector implements Callable<Integer> {
    private final BlockCollector collector;
    private final long deadlineNanos;

    SlowCollector(BlockCollector collector, long deadlineNanos) {
        this.collector = collector;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public Integer call() throws InterruptedException {
        Random pauses = new Random(7);
        int deleted = 0;
        while (System.nanoTime() - deadlineNanos < 0) {
            for (BlockHash hash : collector.collectableAfter(null, 0, 64)) {
                if (collector.mark(hash, 0)) {
                    Thread.sleep(20 + pauses.nextInt(80));
                    deleted += collector.deleteMarked(hash).isPresent() ? 1 : 0;
                }
            }
            Thread.sleep(50);
        }
        return deleted;
    }
}
