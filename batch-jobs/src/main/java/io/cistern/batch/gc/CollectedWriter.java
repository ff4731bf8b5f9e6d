package io.cistern.batch.gc;

import io.cistern.core.gc.Collected;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Counts what the chunk deleted into the step's {@link GcProgress}, which the runtime stores with the checkpoint. The
 * deletions themselves are done and committed by then (by the processors, block by block).
 */
@Named("gcCollectedWriter")
@Dependent
public class CollectedWriter extends AbstractItemWriter {
    @Inject
    private StepContext step;

    @Override
    public void writeItems(List<Object> items) {
        GcProgress progress = GcProgress.of(step);
        for (Object item : items) {
            Collected collected = (Collected) item;
            progress.deleted(collected.orphan(), collected.bytes());
        }
        step.setPersistentUserData(progress);
    }
}
