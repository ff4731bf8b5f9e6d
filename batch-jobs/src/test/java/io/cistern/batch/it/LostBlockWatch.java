package io.cistern.batch.it;

import io.cistern.core.payload.PayloadEngine;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * For GcJobIT's race: until its deadline, checks what must hold at every instant, that a block a committed mapping
 * names is in the store (its put came before the mapping's commit, and the collector deletes only blocks no mapping
 * names). A block found missing counts only if the same piece still names it afterwards (pieces are never mapped again
 * to a hash they left, and inode ids are never reused), so a file deleted meanwhile is no false alarm. The end state
 * alone could miss a loss: a later upload of the same content puts a lost block back. Returns the pieces found
 * naming a missing block.
 */
final class LostBlockWatch implements Callable<List<String>> {
    private final CollectorFaults rows;
    private final PayloadEngine engine;
    private final long deadlineNanos;

    LostBlockWatch(CollectorFaults rows, PayloadEngine engine, long deadlineNanos) {
        this.rows = rows;
        this.engine = engine;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public List<String> call() throws InterruptedException {
        Set<String> lost = new LinkedHashSet<>();
        while (System.nanoTime() - deadlineNanos < 0) {
            for (CollectorFaults.MappedPiece piece : rows.mappedPieces()) {
                if (!engine.store().exists(piece.hash()) && rows.isMapped(piece)) {
                    lost.add(piece.toString());
                }
            }
            Thread.sleep(20);
        }
        return List.copyOf(lost);
    }
}
